package io.metacortex.host.logging;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the parts of the host's start take, logged at INFO as {@code Start: <phase> took <n> ms} (the start bench,
 * {@code bench/run-start}, reads these lines). A phase that fails is not logged: its exception says enough.
 */
public final class StartPhases {

    private static final Logger LOG = LoggerFactory.getLogger(StartPhases.class);

    private StartPhases() {}

    /** @return what {@code phase} returned, after logging how long it took */
    public static <T> T timed(String name, Supplier<T> phase) {
        long start = System.nanoTime();
        T result = phase.get();
        took(name, start);
        return result;
    }

    /** Logs that the phase {@code name}, begun at {@code startNanos} ({@link System#nanoTime()}), took until now. */
    public static void took(String name, long startNanos) {
        LOG.info("Start: {} took {} ms", name, (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** Runs {@code phase}, then logs how long it took. */
    public static void timed(String name, Runnable phase) {
        timed(name, () -> {
            phase.run();
            return null;
        });
    }

    /** Logs how long the JVM has been running, as the phase {@code name}: {@code JVM start to <what>}. */
    public static void sinceJvmStart(String what) {
        LOG.info(
                "Start: JVM start to {} took {} ms",
                what,
                ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
