package io.metacortex.host.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import io.metacortex.db.HostSchema;
import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import io.metacortex.host.errors.HostException;
import io.metacortex.host.routing.PluginContainerFactory;
import io.metacortex.plugin.api.jobs.JobHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Plugin jobs through the host's db-scheduler task on a real PostgreSQL, run by db-scheduler's manual scheduler with a
 * settable clock: each test decides when time passes and when due jobs run, so backoff and recurrence are exact.
 */
class JobRunsTest {

    private static final Instant T0 = Instant.parse("2026-03-28T12:00:00Z");
    private static TestDatabase database;
    private static Jdbi jdbi;
    private static JobStore store;

    private final SettableClock clock = new SettableClock();
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private JobTypes types;
    private JobMetrics metrics;
    private ManualScheduler scheduler;
    private JobQueue queue;

    /** A payload of a plugin's. */
    public record Work(String label, int number) {}

    @BeforeAll
    static void createDatabase() {
        database = TestPostgres.createDatabase();
        HostSchema.migrate(database.dataSource());
        jdbi = Jdbi.create(database.dataSource());
        store = new JobStore(jdbi);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void newScheduler() {
        jdbi.useHandle(h -> h.execute("DELETE FROM " + JobStore.TABLE));
        clock.set(T0);
        types = new JobTypes(store);
        metrics = new JobMetrics(store, clock);
        PluginJobTask task = new PluginJobTask(types, store, new Backoff(new SplittableRandom(7)), metrics);
        scheduler = JobScheduler.configure(TestHelper.createManualScheduler(database.dataSource(), task)
                        .clock(clock))
                .build();
        queue = new JobQueue(scheduler, store);
    }

    @Test
    void aJobRunsOnceWithItsPayloadAttemptAndTimeThenIsGone() {
        PluginJobs jobs = started(
                "1.0.0",
                "record",
                job -> runs.add(job.type() + " " + job.key() + " "
                        + job.payload().label() + " " + job.payload().number() + " attempt " + job.attempt() + " at "
                        + job.scheduledAt() + " plugin " + MDC.get("plugin")));

        assertThat(jobs.schedule("record", new Work("hello", 3)).key("k1").at(T0.plusSeconds(60)))
                .isTrue();
        scheduler.runAnyDueExecutions();
        assertThat(runs).isEmpty();

        clock.tick(Duration.ofSeconds(60));
        scheduler.runAnyDueExecutions();
        scheduler.runAnyDueExecutions();

        assertThat(runs).containsExactly("record k1 hello 3 attempt 1 at " + T0.plusSeconds(60) + " plugin sample");
        assertThat(rows()).isEmpty();
        assertThat(MDC.get("plugin")).isNull();
    }

    @Test
    void aFailingJobIsRetriedAfterAGrowingJitteredBackoffThenStaysFailedUntilAnAdminRetriesIt() {
        boolean[] fixed = {false};
        PluginJobs jobs = started("1.0.0", "flaky", job -> {
            runs.add("attempt " + job.attempt());
            if (!fixed[0]) {
                throw new IllegalStateException("the bank said no (" + job.attempt() + ")");
            }
        });
        jobs.schedule("flaky", new Work("x", 1))
                .key("pay")
                .maxAttempts(3)
                .backoff(Duration.ofSeconds(10), Duration.ofHours(1))
                .now();

        scheduler.runAnyDueExecutions();
        Instant firstRetry = dueTime("pay");
        assertThat(Duration.between(T0, firstRetry)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(store.page(null, "sample", null, null, 10).get(0)).satisfies(view -> {
            assertThat(view.state()).isEqualTo("scheduled");
            assertThat(view.attempts()).isEqualTo(1);
            assertThat(view.lastError()).isEqualTo("the bank said no (1)");
        });

        clock.set(firstRetry.minusMillis(1));
        scheduler.runAnyDueExecutions();
        assertThat(runs).hasSize(1);
        clock.set(firstRetry);
        scheduler.runAnyDueExecutions();
        Instant secondRetry = dueTime("pay");
        assertThat(Duration.between(firstRetry, secondRetry)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));

        clock.set(secondRetry);
        scheduler.runAnyDueExecutions();
        assertThat(runs).containsExactly("attempt 1", "attempt 2", "attempt 3");
        JobView failed = store.page(null, null, JobState.FAILED, null, 10).get(0);
        assertThat(failed.key()).isEqualTo("pay");
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.maxAttempts()).isEqualTo(3);
        assertThat(failed.lastError()).isEqualTo("the bank said no (3)");
        assertThat(failed.lastFailureAt()).isEqualTo(secondRetry);
        assertThat(failed.nextRunAt()).isNull();

        clock.tick(Duration.ofDays(30));
        scheduler.runAnyDueExecutions();
        scheduler.runDeadExecutionDetection();
        assertThat(runs).hasSize(3);
        assertThat(store.find(failed.id()).orElseThrow().state()).isEqualTo("failed");

        fixed[0] = true;
        JobView retried = new JobAdmin(store, clock).retry(String.valueOf(failed.id()));
        assertThat(retried.state()).isEqualTo("scheduled");
        assertThat(retried.attempts()).isZero();
        scheduler.runAnyDueExecutions();
        assertThat(runs).containsExactly("attempt 1", "attempt 2", "attempt 3", "attempt 1");
        assertThat(rows()).isEmpty();
    }

    @Test
    void backoffDoublesUpToItsMaximumAndJitterTakesOffAtMostHalf() {
        Backoff backoff = new Backoff(new SplittableRandom(1));
        Duration initial = Duration.ofSeconds(10);
        Duration max = Duration.ofMinutes(1);
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(1, initial, max)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
            assertThat(backoff.delay(3, initial, max)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(40));
            assertThat(backoff.delay(30, initial, max)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        }
        assertThat(backoff.delay(1, Duration.ofMillis(1), Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void schedulingTheSameTypeAndKeyTwiceIsOneJobAndTheSecondCallChangesNothing() {
        PluginJobs jobs =
                started("1.0.0", "record", job -> runs.add(job.payload().label()));

        assertThat(jobs.schedule("record", new Work("first", 1)).key("same").at(T0.plusSeconds(5)))
                .isTrue();
        assertThat(jobs.schedule("record", new Work("second", 2)).key("same").now())
                .isFalse();
        assertThat(jobs.schedule("record", new Work("unkeyed", 3)).now()).isTrue();

        assertThat(rows()).hasSize(2);
        assertThat(dueTime("same")).isEqualTo(T0.plusSeconds(5));
        clock.tick(Duration.ofSeconds(5));
        scheduler.runAnyDueExecutions();
        assertThat(runs).containsExactlyInAnyOrder("first", "unkeyed");
    }

    @Test
    void aCronJobRunsAtTheWallClockTimeOfItsZoneAcrossTheChangeToSummerTime() {
        PluginJobs jobs =
                started("1.0.0", "digest", job -> runs.add(job.scheduledAt().toString()));

        // Berlin moves to summer time (UTC+2) on 2026-03-29: 7:00 is 06:00Z before, 05:00Z from then on.
        assertThat(jobs.schedule("digest", new Work("daily", 0))
                        .key("morning")
                        .cron("0 0 7 * * *", ZoneId.of("Europe/Berlin")))
                .isTrue();
        assertThat(dueTime("morning")).isEqualTo(Instant.parse("2026-03-29T05:00:00Z"));

        clock.set(Instant.parse("2026-03-29T05:00:00Z"));
        scheduler.runAnyDueExecutions();
        assertThat(dueTime("morning")).isEqualTo(Instant.parse("2026-03-30T05:00:00Z"));
        assertThat(store.page(null, null, null, null, 1).get(0).schedule()).isEqualTo("cron 0 0 7 * * * Europe/Berlin");

        clock.set(Instant.parse("2026-03-30T05:00:00Z"));
        scheduler.runAnyDueExecutions();
        assertThat(runs).containsExactly("2026-03-29T05:00:00Z", "2026-03-30T05:00:00Z");
        assertThat(dueTime("morning")).isEqualTo(Instant.parse("2026-03-31T05:00:00Z"));
    }

    @Test
    void aFixedDelayJobRunsAgainThatLongAfterEachRunAndAHandlerCanRescheduleItsJobWithANewPayload() {
        PluginJobs jobs = started("1.0.0", "poll", job -> {
            runs.add(job.key() + " " + job.payload().number());
            if (job.key().equals("cursor") && job.payload().number() < 3) {
                job.rescheduleAt(
                        clock.now().plusSeconds(30), new Work("c", job.payload().number() + 1));
            }
        });

        jobs.schedule("poll", new Work("p", 0)).key("every").every(Duration.ofMinutes(15));
        jobs.schedule("poll", new Work("c", 1)).key("cursor").now();
        scheduler.runAnyDueExecutions();
        assertThat(dueTime("every")).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(dueTime("cursor")).isEqualTo(T0.plusSeconds(30));

        clock.tick(Duration.ofSeconds(30));
        scheduler.runAnyDueExecutions();
        clock.tick(Duration.ofSeconds(30));
        scheduler.runAnyDueExecutions();
        assertThat(runs).containsExactlyInAnyOrder("every 0", "cursor 1", "cursor 2", "cursor 3");
        assertThat(keys()).containsExactly("every");
    }

    @Test
    void jobsOfADeactivatedPluginWaitWithoutUsingAttemptsAndRunOnceItIsActivatedAgain() {
        PluginJobs v1 = started("1.0.0", "record", job -> runs.add("v1 attempt " + job.attempt()));
        v1.schedule("record", new Work("a", 0)).key("waiting").at(T0.plusSeconds(10));

        types.deactivate("sample", true);
        assertThat(states()).containsExactly(Map.entry("waiting", "paused"));
        clock.tick(Duration.ofHours(1));
        scheduler.runAnyDueExecutions();
        assertThat(runs).isEmpty();

        PluginJobs again = started("1.0.0", "record", job -> runs.add("again attempt " + job.attempt()));
        assertThat(states()).containsExactly(Map.entry("waiting", "scheduled"));
        assertThat(dueTime("waiting")).isEqualTo(T0.plusSeconds(10));
        scheduler.runAnyDueExecutions();
        assertThat(runs).containsExactly("again attempt 1");
        assertThat(again.version()).isEqualTo("1.0.0");
    }

    @Test
    void aJobPickedWhileItsPluginIsNotActiveIsHeldBackAsPausedNotRun() {
        PluginJobs v1 = started("1.0.0", "record", job -> runs.add("ran"));
        v1.schedule("record", new Work("a", 0)).key("due").now();
        types.deactivate("sample", false);

        scheduler.runAnyDueExecutions();

        assertThat(runs).isEmpty();
        assertThat(states()).containsExactly(Map.entry("due", "paused"));
        assertThat(store.page(null, null, null, null, 1).get(0).attempts()).isZero();
        started("1.0.1", "record", job -> runs.add("ran on 1.0.1"));
        scheduler.runAnyDueExecutions();
        assertThat(runs).containsExactly("ran on 1.0.1");
    }

    @Test
    void aTypeTheNewVersionNoLongerRegistersIsOrphanedAndReportedAndRunsWhenAVersionRegistersItAgain() {
        PluginJobs v1 = started("1.0.0", "legacy", job -> runs.add("legacy on 1.0.0"));
        v1.schedule("legacy", new Work("l", 0)).key("old").now();
        started("2.0.0", "record", job -> runs.add("record on 2.0.0"));

        assertThat(states()).containsExactly(Map.entry("old", "orphaned"));
        scheduler.runAnyDueExecutions();
        assertThat(runs).isEmpty();
        assertThat(store.page(null, "sample", JobState.ORPHANED, "legacy", 10)).hasSize(1);
        assertThatThrownBy(() -> new JobAdmin(store, clock)
                        .retry(String.valueOf(
                                store.page(null, null, null, null, 1).get(0).id())))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("does not register job type legacy");
                });

        started("1.0.0", "legacy", job -> runs.add("legacy on 1.0.0 again"));
        scheduler.runAnyDueExecutions();
        assertThat(runs).containsExactly("legacy on 1.0.0 again");
    }

    @Test
    void aJobDueWhileTheRunningVersionLacksItsTypeIsHeldBackAsOrphaned() {
        PluginJobs v2 = started("2.0.0", "record", job -> runs.add("record"));
        queue.add(new JobId("sample", "legacy", "late"), data(), T0);
        assertThat(v2.types()).containsExactly("record");

        scheduler.runAnyDueExecutions();

        assertThat(runs).isEmpty();
        assertThat(states()).containsExactly(Map.entry("late", "orphaned"));
    }

    @Test
    void cancelDeletesAJobInAnyStateAndAnAdminMayDeleteOneByItsId() {
        PluginJobs jobs = started("1.0.0", "record", job -> runs.add("ran"));
        jobs.schedule("record", new Work("a", 0)).key("gone").at(T0.plusSeconds(5));
        jobs.schedule("record", new Work("b", 0)).key("admin").at(T0.plusSeconds(5));

        assertThat(jobs.cancel("record", "gone")).isTrue();
        assertThat(jobs.cancel("record", "gone")).isFalse();
        JobAdmin admin = new JobAdmin(store, clock);
        long id = store.page(null, null, null, null, 1).get(0).id();
        admin.delete(String.valueOf(id));
        assertThatThrownBy(() -> admin.delete(String.valueOf(id)))
                .isInstanceOfSatisfying(
                        HostException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> admin.get("not-a-number"))
                .isInstanceOfSatisfying(
                        HostException.class, e -> assertThat(e.status()).isEqualTo(404));
        clock.tick(Duration.ofSeconds(5));
        scheduler.runAnyDueExecutions();
        assertThat(runs).isEmpty();
    }

    @Test
    void badArgumentsAreRefusedWithAMessageTheAuthorCanActOn() {
        PluginJobs jobs = started("1.0.0", "record", job -> {});

        assertThatThrownBy(() -> jobs.schedule("unknown", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Job type unknown is not registered by plugin sample 1.0.0 (it registers record): register"
                        + " it with jobs().register(..) in Plugin.start.");
        assertThatThrownBy(() -> jobs.schedule("Bad Type", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Job type 'Bad Type' is not valid");
        assertThatThrownBy(() -> jobs.schedule("record", "a string"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The payload of job type record must be a Work, not a String.");
        assertThatThrownBy(() -> jobs.schedule("record", null).key(""))
                .hasMessageContaining("it needs 1 to 200 characters");
        assertThatThrownBy(() -> jobs.schedule("record", null).key("a\nb")).hasMessageContaining("control character");
        assertThatThrownBy(() -> jobs.schedule("record", null).maxAttempts(0))
                .hasMessage("maxAttempts must be from 1 to 100, not 0.");
        assertThatThrownBy(() -> jobs.schedule("record", null).backoff(Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .hasMessageContaining("The backoff must start at 1 millisecond or more");
        assertThatThrownBy(() -> jobs.schedule("record", null).backoff(null, Duration.ofSeconds(1)))
                .hasMessage("The initial backoff must not be null.");
        assertThatThrownBy(() -> jobs.schedule("record", null).after(Duration.ofSeconds(-1)))
                .hasMessage("The delay must not be negative, not PT-1S.");
        assertThatThrownBy(() -> jobs.schedule("record", null).at(null)).hasMessage("The instant must not be null.");
        assertThatThrownBy(() -> jobs.schedule("record", null).every(Duration.ofMillis(500)))
                .hasMessage("A recurring job's delay must be at least a second, not PT0.5S.");
        assertThatThrownBy(() -> jobs.schedule("record", null).cron("every morning", ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cron expression 'every morning' is not valid")
                .hasMessageContaining("six fields");
        assertThatThrownBy(() -> jobs.schedule("record", null).cron("0 0 7 * * *", null))
                .hasMessage("The zone must not be null.");
        assertThatThrownBy(() -> jobs.cancel("record", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jobs.register("record", Work.class, job -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Job types can only be registered during Plugin.start");
        var request = jobs.schedule("record", null);
        request.now();
        assertThatThrownBy(request::now).isInstanceOf(IllegalStateException.class);
        assertThat(rows()).hasSize(1);
    }

    @Test
    void typesAreRegisteredOnceEachAndAClosedVersionSchedulesNothing() {
        PluginJobs jobs = new PluginJobs("sample", "1.0.0", mapper(), queue, clock);
        jobs.register("record", Work.class, job -> {});
        assertThatThrownBy(() -> jobs.register("record", Work.class, job -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already registered job type record");
        assertThatThrownBy(() -> jobs.register("other", null, job -> {})).isInstanceOf(IllegalArgumentException.class);
        jobs.seal();

        assertThat(jobs.closeAndDrain(Duration.ZERO)).isTrue();
        assertThatThrownBy(() -> jobs.schedule("record", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no longer runs");
    }

    @Test
    void jobsAVersionCreatedWhileItFailedToStartAreDeletedAgain() {
        PluginJobs failing = new PluginJobs("sample", "1.0.0", mapper(), queue, clock);
        failing.register("record", Work.class, job -> {});
        failing.schedule("record", new Work("a", 0)).key("from-start").now();
        PluginJobs running = new PluginJobs("sample", "1.0.0", mapper(), queue, clock);
        running.register("record", Work.class, job -> {});
        running.seal();
        running.schedule("record", new Work("b", 0)).key("later").now();

        failing.abandon();

        assertThat(keys()).containsExactly("later");
    }

    @Test
    void anErrorOrAPayloadThatNoLongerFitsFailsTheRunNotTheScheduler() {
        PluginJobs jobs = started("1.0.0", "record", job -> {
            throw new AssertionError();
        });
        jobs.schedule("record", new Work("a", 0)).key("error").maxAttempts(1).now();
        JobData once = new JobData(mapper().valueToTree("text"), 1, 10_000, 10_000, null, null, null, null);
        queue.add(new JobId("sample", "record", "misfit"), once, T0);

        scheduler.runAnyDueExecutions();

        Map<String, String> errors = store.page(null, null, JobState.FAILED, null, 10).stream()
                .collect(java.util.stream.Collectors.toMap(JobView::key, JobView::lastError));
        assertThat(errors).containsEntry("error", "the handler failed without a message (see the host's log)");
        assertThat(errors.get("misfit")).startsWith("its payload could not be read");
        assertThat(store.page(null, null, JobState.FAILED, null, 10))
                .allSatisfy(failed -> assertThat(failed.attempts()).isEqualTo(1));
    }

    @Test
    void aReplacedVersionFinishesItsRunInFlightWhileTheNewVersionTakesTheNextJob() throws Exception {
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        PluginJobs v1 = started("1.0.0", "record", job -> {
            entered.countDown();
            release.await();
            runs.add("v1 " + job.key());
        });
        v1.schedule("record", new Work("a", 0)).key("slow").now();
        Thread worker = new Thread(scheduler::runAnyDueExecutions);
        worker.start();
        entered.await();

        PluginJobs v2 = started("2.0.0", "record", job -> runs.add("v2 " + job.key()));
        v2.schedule("record", new Work("b", 0)).key("next").now();
        scheduler.runAnyDueExecutions();
        assertThat(runs).containsExactly("v2 next");
        assertThat(v1.closeAndDrain(Duration.ofMillis(10))).isFalse();

        release.countDown();
        worker.join();
        assertThat(v1.closeAndDrain(Duration.ofSeconds(10))).isTrue();
        assertThat(runs).containsExactly("v2 next", "v1 slow");
        assertThat(keys()).isEmpty();
    }

    @Test
    void theHealthCheckTurnsUnhealthyWhenADueJobWaitsLongerThanTheThresholdAndTheMetricsShowTheBacklog() {
        PluginJobs jobs = started("1.0.0", "record", job -> {});
        jobs.schedule("record", new Work("a", 0)).key("late").now();
        JobsHealthCheck health = new JobsHealthCheck(store, clock, Duration.ofMinutes(5));

        assertThat(health.execute().isHealthy()).isTrue();
        clock.tick(Duration.ofMinutes(6));
        HealthCheck.Result late = health.execute();
        assertThat(late.isHealthy()).isFalse();
        assertThat(late.getMessage()).contains("sample/record").contains("jobs.lateThreshold");
        assertThat(metrics.collect().stream().map(s -> s.getMetadata().getName()))
                .contains("metacortex_job_queue_depth", "metacortex_job_oldest_due_age_seconds", "metacortex_jobs");

        scheduler.runAnyDueExecutions();
        assertThat(health.execute().isHealthy()).isTrue();
    }

    private PluginJobs started(String version, String type, JobHandler<Work> handler) {
        PluginJobs jobs = new PluginJobs("sample", version, mapper(), queue, clock);
        jobs.register(type, Work.class, handler);
        jobs.seal();
        types.activate(jobs);
        return jobs;
    }

    private static JobData data() {
        return new JobData(mapper().valueToTree(new Work("d", 0)), 5, 10_000, 3_600_000, null, null, null, null);
    }

    private static com.fasterxml.jackson.databind.ObjectMapper mapper() {
        return PluginContainerFactory.pluginObjectMapper(64);
    }

    private Instant dueTime(String key) {
        return store.page(null, null, null, null, 50).stream()
                .filter(v -> v.key().equals(key))
                .findFirst()
                .orElseThrow()
                .nextRunAt();
    }

    private List<String> keys() {
        return rows().stream().map(JobView::key).sorted().toList();
    }

    private Map<String, String> states() {
        return rows().stream().collect(java.util.stream.Collectors.toMap(JobView::key, JobView::state));
    }

    private List<JobView> rows() {
        return store.page(null, null, null, null, 500);
    }
}
