package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Plugin code on a thread of its own, within a deadline. */
class PluginCodeTest {

    private static final Duration DEADLINE = Duration.ofMillis(300);

    @Test
    void returnsWhatTheCodeReturnedFromItsOwnThreadWithThePluginInTheMdc() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();

        String result = PluginCode.run("demo", "1.0.0", PluginCode.Phase.START, DEADLINE, () -> {
            seen.set(Thread.currentThread().getName() + " " + MDC.get("plugin"));
            return "started";
        });

        assertThat(result).isEqualTo("started");
        assertThat(seen.get()).isEqualTo("plugin-demo-start demo");
    }

    @Test
    void passesOnWhatTheCodeThrew() {
        IOException thrown = new IOException("no disk");

        assertThatThrownBy(() -> PluginCode.run("demo", "1.0.0", PluginCode.Phase.STOP, DEADLINE, () -> {
                    throw thrown;
                }))
                .isInstanceOfSatisfying(PluginCode.Failure.class, e -> {
                    assertThat(e.outcome()).isEqualTo(PluginCode.Outcome.THREW);
                    assertThat(e.getCause()).isSameAs(thrown);
                })
                .hasMessage("no disk");
    }

    @Test
    void interruptsCodePastTheDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Thread> thread = new AtomicReference<>();

        assertThatThrownBy(() -> PluginCode.run("demo", "1.0.0", PluginCode.Phase.START, DEADLINE, () -> {
                    thread.set(Thread.currentThread());
                    never.await();
                    return null;
                }))
                .isInstanceOfSatisfying(
                        PluginCode.Failure.class, e -> assertThat(e.outcome()).isEqualTo(PluginCode.Outcome.DEADLINE))
                .hasMessage("Plugin demo 1.0.0 did not start within 300 ms; its start was interrupted.");
        assertThat(thread.get().isAlive()).isFalse();
    }

    @Test
    void abandonsCodeThatDoesNotEndWhenInterrupted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> thread = new AtomicReference<>();

        assertThatThrownBy(() -> PluginCode.run("demo", "1.0.0", PluginCode.Phase.STOP, DEADLINE, () -> {
                    thread.set(Thread.currentThread());
                    while (true) {
                        try {
                            release.await();
                            return null;
                        } catch (InterruptedException ignored) {
                            // a hostile plugin sleeps on
                        }
                    }
                }))
                .isInstanceOfSatisfying(
                        PluginCode.Failure.class, e -> assertThat(e.outcome()).isEqualTo(PluginCode.Outcome.DEADLINE))
                .hasMessage("Plugin demo 1.0.0 did not stop within 300 ms; its stop was interrupted but did not end,"
                        + " and was abandoned.");
        assertThat(thread.get().isAlive()).isTrue();
        assertThat(thread.get().isDaemon())
                .as("an abandoned thread does not keep the JVM alive")
                .isTrue();
        release.countDown();
        thread.get().join(5_000);
        assertThat(thread.get().isAlive()).isFalse();
    }

    @Test
    void describesDeadlinesInSecondsOrMilliseconds() {
        assertThat(PluginCode.describe(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(PluginCode.describe(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }
}
