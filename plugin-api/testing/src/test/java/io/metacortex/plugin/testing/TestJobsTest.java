package io.metacortex.plugin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.plugin.api.Plugin;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test kit's jobs: registered only during start, one job per type and key, run by the test when it wants. */
class TestJobsTest {

    /** A payload. */
    public record Reminder(String text, int count) {}

    private final List<String> handled = new ArrayList<>();

    private final Plugin plugin = context -> {
        context.jobs().register("remind", Reminder.class, job -> {
            handled.add(job.type() + " " + job.key() + " " + job.payload().text() + " attempt " + job.attempt());
            if (job.payload().count() > 0) {
                job.rescheduleAt(
                        job.scheduledAt().plusSeconds(60),
                        new Reminder("again", job.payload().count() - 1));
            }
        });
        context.jobs().register("fail", Reminder.class, job -> {
            throw new IllegalStateException("no");
        });
        context.jobs().register("later", Reminder.class, job -> job.rescheduleAfter(Duration.ofMinutes(5)));
    };

    @Test
    void jobsAreScheduledOncePerKeyAndRunWhenTheTestSays() throws Exception {
        TestPluginContext context = TestPluginContext.of("reminders").start(plugin);
        TestJobs jobs = context.jobs();

        assertThat(jobs.schedule("remind", new Reminder("water", 1)).key("w").now())
                .isTrue();
        assertThat(jobs.schedule("remind", new Reminder("other", 0)).key("w").now())
                .isFalse();
        assertThat(jobs.schedule("remind", new Reminder("daily", 0))
                        .key("d")
                        .maxAttempts(3)
                        .backoff(Duration.ofSeconds(1), Duration.ofMinutes(1))
                        .cron("0 0 7 * * *", ZoneId.of("Europe/Berlin")))
                .isTrue();
        assertThat(jobs.schedule("remind", new Reminder("poll", 0)).key("e").every(Duration.ofMinutes(1)))
                .isTrue();
        assertThat(jobs.schedule("remind", new Reminder("at", 0)).at(Instant.EPOCH))
                .isTrue();
        assertThat(jobs.schedule("later", null).key("l").after(Duration.ofSeconds(1)))
                .isTrue();
        assertThat(jobs.scheduled()).hasSize(5);
        assertThat(jobs.find("remind", "d").orElseThrow().recurrence()).isEqualTo("cron 0 0 7 * * * Europe/Berlin");
        assertThat(jobs.find("remind", "d").orElseThrow().maxAttempts()).isEqualTo(3);

        jobs.run("remind", "w");
        assertThat(handled).containsExactly("remind w water attempt 1");
        assertThat(jobs.find("remind", "w").orElseThrow().payload().get("text").asText())
                .isEqualTo("again");
        jobs.run("remind", "w");
        assertThat(jobs.find("remind", "w")).isEmpty();
        jobs.run("remind", "e");
        assertThat(jobs.find("remind", "e")).isPresent();
        jobs.run("later", "l");
        assertThat(jobs.find("later", "l")).isPresent();
        assertThat(jobs.cancel("remind", "e")).isTrue();
        assertThat(jobs.cancel("remind", "e")).isFalse();

        jobs.schedule("fail", null).key("f").now();
        assertThatThrownBy(() -> jobs.run("fail", "f")).hasMessage("no");
        assertThat(jobs.find("fail", "f")).isPresent();
        assertThatThrownBy(() -> jobs.run("fail", "none")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badArgumentsAreRefusedAsByTheHost() throws Exception {
        TestPluginContext context = TestPluginContext.of("reminders").start(plugin);
        TestJobs jobs = context.jobs();

        assertThatThrownBy(() -> jobs.register("more", Reminder.class, job -> {}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> jobs.schedule("nope", null)).hasMessageContaining("is not registered");
        assertThatThrownBy(() -> jobs.schedule("Bad", null)).hasMessageContaining("is not valid");
        assertThatThrownBy(() -> jobs.schedule("remind", "text")).hasMessageContaining("must be a Reminder");
        assertThatThrownBy(() -> jobs.schedule("remind", null).key("")).hasMessageContaining("1 to 200");
        assertThatThrownBy(() -> jobs.schedule("remind", null).maxAttempts(101)).hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> jobs.schedule("remind", null).backoff(Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("1 millisecond");
        assertThatThrownBy(() -> jobs.schedule("remind", null).after(Duration.ofSeconds(-1)))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> jobs.schedule("remind", null).every(Duration.ZERO))
                .hasMessageContaining("at least a second");
        assertThatThrownBy(() -> jobs.schedule("remind", null).cron("daily", ZoneId.of("UTC")))
                .hasMessageContaining("six fields");
        assertThatThrownBy(() -> jobs.schedule("remind", null).at(null)).hasMessageContaining("must not be null");
        var request = jobs.schedule("remind", null);
        request.now();
        assertThatThrownBy(request::now).isInstanceOf(IllegalStateException.class);

        TestPluginContext fresh = TestPluginContext.of("other");
        fresh.jobs().register("x", Reminder.class, job -> {});
        assertThatThrownBy(() -> fresh.jobs().register("x", Reminder.class, job -> {}))
                .hasMessageContaining("registered already");
        assertThatThrownBy(() -> fresh.jobs().register("y", null, job -> {})).hasMessageContaining("payload class");
    }
}
