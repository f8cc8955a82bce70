package io.metacortex.host.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.util.Duration;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample plugin's jobs on a running host: they run, wait while the plugin is disabled or uninstalled, finish on the
 * old version during an upgrade, are reported when a version drops their type, are deleted by purge, and admins list,
 * retry and delete them.
 */
class JobsThroughHostTest {

    @RegisterExtension
    static final HostExtension RUNNING =
            new HostExtension(config -> config.getJobs().setPollingInterval(Duration.milliseconds(100)));

    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(30);

    @BeforeEach
    void onlyTheSample() {
        RUNNING.purgeAllPlugins();
        assertThat(host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
    }

    @Test
    void aJobThePluginSchedulesRunsOnceAndIsCountedInTheMetrics() {
        assertThat(schedule("{\"type\": \"record\", \"label\": \"hello\", \"key\": \"k1\"}")
                        .get("created")
                        .asInt())
                .isEqualTo(1);

        await().atMost(WAIT).until(() -> runs().size() == 1);
        JsonNode run = runs().get(0);
        assertThat(run.get("job_type").asText()).isEqualTo("record");
        assertThat(run.get("job_key").asText()).isEqualTo("k1");
        assertThat(run.get("label").asText()).isEqualTo("hello");
        assertThat(run.get("attempt").asInt()).isEqualTo(1);
        await().atMost(WAIT).until(() -> jobs("").isEmpty());
        assertThat(prometheus())
                .contains("metacortex_job_runs_total{plugin=\"sample\",type=\"record\"} 1.0")
                .contains("metacortex_job_duration_seconds_count{plugin=\"sample\",type=\"record\"} 1");
        assertThat(healthcheck().get("jobs").get("healthy").asBoolean()).isTrue();
    }

    @Test
    void schedulingTheSameKeyTwiceIsOneJob() {
        String job = "{\"type\": \"record\", \"label\": \"once\", \"key\": \"same\", \"delayMillis\": 60000}";

        assertThat(schedule(job).get("created").asInt()).isEqualTo(1);
        assertThat(schedule(job).get("created").asInt()).isZero();

        assertThat(jobs("?plugin=sample")).hasSize(1);
        Reply refused = host().postJson("/api/sample/jobs", "{\"type\": \"nope\", \"label\": \"x\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("refused").asText()).contains("Job type nope is not registered");
    }

    @Test
    void whileThePluginIsDisabledItsJobsWaitWithoutUsingAttemptsAndRunOnceItIsEnabled() {
        schedule("{\"type\": \"record\", \"label\": \"later\", \"key\": \"waits\", \"delayMillis\": 300}");

        assertThat(host().admin("POST", "/admin/plugins/sample/disable", null).status())
                .isEqualTo(200);
        assertThat(jobs("?state=paused")).extracting(j -> j.get("key").asText()).containsExactly("waits");
        long id = jobs("").get(0).get("id").asLong();
        Reply refused = host().admin("POST", "/admin/jobs/" + id + "/retry", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("plugin not running");
        await().during(java.time.Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM plugin_sample.job_runs") == 0);

        assertThat(host().admin("POST", "/admin/plugins/sample/enable", null).status())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> runs().size() == 1);
        assertThat(runs().get(0).get("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void uninstallingKeepsTheJobsWaitingForAReinstallAndPurgeDeletesThem() {
        schedule("{\"type\": \"record\", \"label\": \"kept\", \"key\": \"kept\", \"delayMillis\": 60000}");

        assertThat(host().admin("DELETE", "/admin/plugins/sample", null).status())
                .isEqualTo(204);
        assertThat(jobs("?plugin=sample&state=paused")).hasSize(1);
        assertThat(host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        assertThat(jobs("?plugin=sample&state=scheduled")).hasSize(1);

        assertThat(host().admin("DELETE", "/admin/plugins/sample?purge=true", null)
                        .status())
                .isEqualTo(204);
        assertThat(jobs("?plugin=sample")).isEmpty();
        assertThat(count("SELECT count(*) FROM metacortex.scheduled_tasks WHERE plugin_id = 'sample'"))
                .isZero();
    }

    @Test
    void aJobThatExhaustedItsAttemptsStaysFailedUntilAnAdminRetriesItAndRetryAndDeleteAreAudited() {
        schedule("{\"type\": \"flaky\", \"label\": \"f\", \"key\": \"flaky\", \"failures\": 2, \"maxAttempts\": 1,"
                + " \"backoffMillis\": 1}");

        await().atMost(WAIT).until(() -> jobs("?state=failed").size() == 1);
        JsonNode failed = jobs("?state=failed").get(0);
        assertThat(failed.get("lastError").asText()).isEqualTo("flaky failure 1 of 2");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("maxAttempts").asInt()).isEqualTo(1);
        assertThat(failed.has("nextRunAt")).isFalse();
        long id = failed.get("id").asLong();
        assertThat(host().admin("GET", "/admin/jobs/" + id, null)
                        .json()
                        .get("state")
                        .asText())
                .isEqualTo("failed");

        assertThat(host().admin("POST", "/admin/jobs/" + id + "/retry", null).status())
                .isEqualTo(200);
        await().atMost(WAIT)
                .until(() -> host().admin("GET", "/admin/jobs/" + id, null)
                        .json()
                        .path("lastError")
                        .asText()
                        .equals("flaky failure 2 of 2"));
        assertThat(host().admin("POST", "/admin/jobs/" + id + "/retry", null).status())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> runs().size() == 1);
        assertThat(host().admin("GET", "/admin/jobs/" + id, null).status()).isEqualTo(404);

        schedule("{\"type\": \"record\", \"label\": \"d\", \"key\": \"doomed\", \"delayMillis\": 60000}");
        long doomed = jobs("?type=record").get(0).get("id").asLong();
        assertThat(host().admin("DELETE", "/admin/jobs/" + doomed, null).status())
                .isEqualTo(204);
        assertThat(host().admin("DELETE", "/admin/jobs/" + doomed, null).status())
                .isEqualTo(404);
        JsonNode audit =
                host().admin("GET", "/admin/audit?limit=10", null).json().get("items");
        List<String> actions = new ArrayList<>();
        audit.forEach(entry -> actions.add(entry.get("action").asText() + " "
                + entry.get("outcome").asText() + " " + entry.get("target").asText()));
        assertThat(actions)
                .contains(
                        "job.retry SUCCESS /admin/jobs/" + id + "/retry",
                        "job.delete SUCCESS /admin/jobs/" + doomed,
                        "job.delete FAILURE /admin/jobs/" + doomed);
    }

    @Test
    void duringAnUpgradeARunInFlightFinishesOnTheOldVersionWhileTheNewVersionTakesTheNextJob() throws Exception {
        try (Connection lock = RUNNING.database().connect();
                Statement st = lock.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + "drain".hashCode() + ")");
            schedule("{\"type\": \"slow\", \"label\": \"drain\", \"key\": \"in-flight\"}");
            await().atMost(WAIT)
                    .until(() ->
                            count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 1);
            assertThat(jobs("?state=running")).hasSize(1);

            CompletableFuture<Reply> upgrade =
                    CompletableFuture.supplyAsync(() -> host().upgrade("sample", Fixtures.bytes(Fixtures.SAMPLE_V2)));
            await().atMost(WAIT)
                    .until(() -> host().get("/api/sample")
                            .json()
                            .get("version")
                            .asText()
                            .equals("2.0.0"));
            schedule("{\"type\": \"record\", \"label\": \"next\", \"key\": \"after-upgrade\"}");
            await().atMost(WAIT).until(() -> runs().size() == 1);
            assertThat(runs().get(0).get("job_key").asText()).isEqualTo("after-upgrade");
            assertThat(runs().get(0).get("version").asText()).isEqualTo("2.0.0");
            assertThat(upgrade).isNotDone();

            st.execute("SELECT pg_advisory_unlock(" + "drain".hashCode() + ")");
            assertThat(upgrade.get().status()).isEqualTo(200);
        }
        await().atMost(WAIT).until(() -> runs().size() == 2);
        assertThat(runs().get(1).get("job_key").asText()).isEqualTo("in-flight");
        assertThat(runs().get(1).get("version").asText()).isEqualTo("1.0.0");
    }

    @Test
    void aJobTypeTheNewVersionDropsIsReportedAsOrphanedAndRunsAgainAfterARollback() {
        // Due in 5 s: still waiting when 2.0.0 takes over, also on a loaded machine (an upgrade took over 500 ms).
        schedule("{\"type\": \"legacy\", \"label\": \"old\", \"key\": \"legacy\", \"delayMillis\": 5000}");

        // 1.0.0's code as 2.0.0, without 2.0.0's migration (which would refuse the rollback): it drops legacy.
        byte[] withoutLegacy = Fixtures.asVersion(Fixtures.SAMPLE_V1, "2.0.0", java.util.Map.of());
        assertThat(host().upgrade("sample", withoutLegacy).status()).isEqualTo(200);
        JsonNode orphaned = jobs("?state=orphaned").get(0);
        assertThat(orphaned.get("type").asText()).isEqualTo("legacy");
        Reply refused = host().admin("POST", "/admin/jobs/" + orphaned.get("id").asLong() + "/retry", null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asText()).contains("does not register job type legacy");

        assertThat(host().admin("POST", "/admin/plugins/sample/rollback", null).status())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> runs().size() == 1);
        assertThat(runs().get(0).get("version").asText()).isEqualTo("1.0.0");
    }

    @Test
    void theAdminApiPagesFiltersAndRefusesWhatNamesNothing() {
        for (int i = 0; i < 3; i++) {
            schedule("{\"type\": \"record\", \"label\": \"p\", \"key\": \"page-" + i + "\", \"delayMillis\": 60000}");
        }

        JsonNode first = host().admin("GET", "/admin/jobs?limit=2&plugin=sample&type=record&state=scheduled", null)
                .json();
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("items").get(0).get("key").asText()).isEqualTo("page-2");
        JsonNode second = host().admin(
                        "GET",
                        "/admin/jobs?limit=2&before=" + first.get("nextBefore").asLong(),
                        null)
                .json();
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextBefore").isNull()).isTrue();

        assertThat(host().admin("GET", "/admin/jobs?state=lost", null).status()).isEqualTo(400);
        assertThat(host().admin("GET", "/admin/jobs?limit=0", null).status()).isEqualTo(400);
        Reply missing = host().admin("POST", "/admin/jobs/12345678/retry", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("job not found");
        assertThat(host().admin("GET", "/admin/jobs/abc", null).status()).isEqualTo(404);
        Reply anonymous =
                host().send(HttpRequest.newBuilder(host().uri("/admin/jobs")).GET());
        assertThat(anonymous.status()).isEqualTo(401);
    }

    private static RunningHost host() {
        return RUNNING.host();
    }

    private static JsonNode schedule(String json) {
        Reply reply = host().postJson("/api/sample/jobs", json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<JsonNode> runs() {
        List<JsonNode> runs = new ArrayList<>();
        host().get("/api/sample/job-runs").json().forEach(runs::add);
        return runs;
    }

    private static List<JsonNode> jobs(String query) {
        Reply reply = host().admin("GET", "/admin/jobs" + query, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        reply.json().get("items").forEach(items::add);
        return items;
    }

    private static long count(String sql) {
        return Long.parseLong(DatabaseSnapshot.query(RUNNING.database(), sql).get(0));
    }

    private static String prometheus() {
        return host().send(HttpRequest.newBuilder(host().adminPortUri("/metrics/prometheus"))
                        .GET())
                .body();
    }

    private static JsonNode healthcheck() {
        return host().send(HttpRequest.newBuilder(
                                URI.create(host().adminPortUri("/healthcheck").toString()))
                        .GET())
                .json();
    }
}
