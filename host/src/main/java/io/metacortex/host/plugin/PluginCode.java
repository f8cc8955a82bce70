package io.metacortex.host.plugin;

import io.metacortex.host.routing.PluginRouter;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a plugin's own code (its start, its stop) on a thread of its own within a deadline, so that code that hangs,
 * sleeps or exits the JVM never holds the host's thread that called it, nor the locks that thread holds. Past the
 * deadline the plugin's thread is interrupted; one that does not end then is abandoned (it is a daemon thread, and
 * logged with its stack). A plugin thread that calls {@code System.exit} is not waited for; nor is a start once the
 * JVM exits for any reason (a SIGTERM), while a stop still is, within its deadline, so that plugins stop at shutdown.
 */
final class PluginCode {

    private static final Logger LOG = LoggerFactory.getLogger(PluginCode.class);
    /** How long an interrupted plugin thread may take to end before it is reported abandoned. */
    private static final Duration INTERRUPT_GRACE = Duration.ofMillis(500);

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static volatile boolean exiting;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> exiting = true, "metacortex-exit-watch"));
        } catch (IllegalStateException alreadyExiting) {
            exiting = true;
        }
    }

    /** What the plugin's code does. */
    enum Phase {
        /** Its constructor and start: not waited for once the JVM exits (the host is not going to serve it). */
        START("start", true),
        /** Its stop: waited for (within its deadline) also while the JVM exits, so that plugins stop at shutdown. */
        STOP("stop", false);

        private final String verb;
        private final boolean abandonedWhileExiting;

        Phase(String verb, boolean abandonedWhileExiting) {
            this.verb = verb;
            this.abandonedWhileExiting = abandonedWhileExiting;
        }

        String verb() {
            return verb;
        }
    }

    /** A plugin's code to run: its start or its stop. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws Exception;
    }

    /** How a run of plugin code ended without a result. */
    enum Outcome {
        /** The code threw; the exception is the cause. */
        THREW,
        /** The deadline passed. */
        DEADLINE,
        /** The plugin's thread called {@code System.exit} (or {@code Runtime.halt}): the JVM is going down. */
        EXITED,
        /** The JVM is exiting for another reason (SIGTERM, another thread's exit). */
        SHUTDOWN
    }

    /** The plugin code ended without a result; the message says how, in words for an admin. */
    static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;

        private final Outcome outcome;

        Failure(Outcome outcome, String message, Throwable cause) {
            super(message, cause);
            this.outcome = outcome;
        }

        Outcome outcome() {
            return outcome;
        }
    }

    private PluginCode() {}

    /** @return whether the JVM is exiting: the host starts no plugin code then */
    static boolean jvmExiting() {
        return exiting;
    }

    /**
     * Runs {@code work} on a new thread named {@code plugin-<id>-<phase>}, with the caller's MDC (its request id)
     * and the plugin's id in it.
     *
     * @param phase what the code does
     * @return what {@code work} returned within the deadline
     * @throws Failure when it threw, passed the deadline, or the JVM began to exit first
     */
    static <T> T run(String pluginId, String version, Phase phase, Duration deadline, Work<T> work) throws Failure {
        String who = "Plugin " + pluginId + " " + version;
        String verb = phase.verb();
        if (exiting && phase.abandonedWhileExiting) {
            throw new Failure(Outcome.SHUTDOWN, who + " did not " + verb + ": the host is shutting down.", null);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        Thread thread = new Thread(
                () -> {
                    if (logContext != null) {
                        MDC.setContextMap(logContext);
                    }
                    MDC.put(PluginRouter.MDC_KEY, pluginId);
                    try {
                        result.complete(work.run());
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                },
                "plugin-" + pluginId + "-" + verb);
        thread.setDaemon(true);
        thread.start();
        long end = System.nanoTime() + deadline.toNanos();
        try {
            while (true) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    return result.get(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
                } catch (TimeoutException notYet) {
                    if (callsExit(thread)) {
                        giveUp(result, thread);
                        throw new Failure(
                                Outcome.EXITED,
                                who + " called System.exit in " + verb + "(); the host is shutting down.",
                                null);
                    }
                    if (exiting && phase.abandonedWhileExiting) {
                        giveUp(result, thread);
                        throw new Failure(
                                Outcome.SHUTDOWN, who + " did not " + verb + ": the host is shutting down.", null);
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new Failure(Outcome.THREW, String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp(result, thread);
            throw new Failure(Outcome.SHUTDOWN, who + " did not " + verb + ": the host's thread was interrupted.", e);
        }
        if (!result.completeExceptionally(new CancellationException())) {
            // It ended at the deadline, before it was given up: take what it did.
            try {
                return result.getNow(null);
            } catch (java.util.concurrent.CompletionException e) {
                throw new Failure(Outcome.THREW, String.valueOf(e.getCause().getMessage()), e.getCause());
            }
        }
        boolean abandoned = interrupt(thread);
        if (abandoned) {
            LOG.warn(
                    "{} did not {} within {} and its thread {} did not end when interrupted: abandoned, it runs on"
                            + " until it returns. It is at:\n{}",
                    who,
                    verb,
                    describe(deadline),
                    thread.getName(),
                    stack(thread));
        }
        throw new Failure(
                Outcome.DEADLINE,
                who + " did not " + verb + " within " + describe(deadline) + "; its " + verb
                        + (abandoned ? " was interrupted but did not end, and was abandoned." : " was interrupted."),
                null);
    }

    /** @return a deadline in words: {@code 30 s}, {@code 1500 ms} */
    static String describe(Duration deadline) {
        return deadline.toMillis() % 1000 == 0 ? deadline.toSeconds() + " s" : deadline.toMillis() + " ms";
    }

    private static void giveUp(CompletableFuture<?> result, Thread thread) {
        result.completeExceptionally(new CancellationException());
        thread.interrupt();
    }

    /** @return true when the thread is still alive after an interrupt and a short grace */
    private static boolean interrupt(Thread thread) {
        thread.interrupt();
        try {
            thread.join(INTERRUPT_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return thread.isAlive();
    }

    /** @return whether the thread is inside {@code Runtime.exit} or {@code halt}: it never comes back */
    private static boolean callsExit(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals("java.lang.Shutdown")
                        || (frame.getClassName().equals("java.lang.Runtime")
                                && (frame.getMethodName().equals("exit")
                                        || frame.getMethodName().equals("halt"))));
    }

    private static String stack(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .map(frame -> "\tat " + frame)
                .collect(Collectors.joining("\n"));
    }
}
