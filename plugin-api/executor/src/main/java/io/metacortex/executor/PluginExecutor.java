package io.metacortex.executor;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The thread pool behind {@code PluginContext.executor()} for one plugin version: at most {@code threads} daemon
 * threads named {@code plugin-<id>-<n>}, started when tasks need them and ended after a minute idle. Each task runs
 * with the plugin's id in the SLF4J MDC ({@value #MDC_KEY}) and the plugin's class loader as the thread's context
 * class loader; a task that throws is logged with the plugin's id (its {@code Future} also completes with the
 * exception). Whoever owns the version (the host, or the test kit) calls {@link #shutdownNowAndWait} once the
 * plugin's {@code stop()} returned.
 */
public final class PluginExecutor extends ScheduledThreadPoolExecutor {

    /** How many threads a plugin version's pool has when nothing else is configured. */
    public static final int DEFAULT_THREADS = 4;
    /** The MDC key naming the plugin, as while it serves a request. */
    public static final String MDC_KEY = "plugin";

    private static final Logger LOG = LoggerFactory.getLogger(PluginExecutor.class);
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);

    private final String pluginId;
    private final ClassLoader pluginLoader;

    /**
     * @param pluginId names the threads and the log lines
     * @param pluginLoader the context class loader of the tasks (the plugin's bundle class loader), or null to leave
     *     the one each thread inherits from whoever started it
     * @param threads the most threads the pool runs at once, at least 1
     */
    public PluginExecutor(String pluginId, ClassLoader pluginLoader, int threads) {
        super(requirePositive(threads), new PluginThreads(Objects.requireNonNull(pluginId, "pluginId"), pluginLoader));
        this.pluginId = pluginId;
        this.pluginLoader = pluginLoader;
        setKeepAliveTime(IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        allowCoreThreadTimeOut(true);
        setRemoveOnCancelPolicy(true);
        setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** @return the plugin the pool runs tasks for */
    public String pluginId() {
        return pluginId;
    }

    /**
     * Cancels every task, interrupts those running, and waits for the pool's threads to end.
     *
     * @param timeout how long to wait for running tasks to end after their interrupt
     * @return whether every thread ended within the timeout; when not, the tasks still running ignore interrupts
     */
    public boolean shutdownNowAndWait(Duration timeout) {
        shutdownNow();
        try {
            return awaitTermination(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isTerminated();
        }
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
        super.beforeExecute(thread, task);
        if (pluginLoader != null) {
            thread.setContextClassLoader(pluginLoader);
        }
        MDC.put(MDC_KEY, pluginId);
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
        try {
            super.afterExecute(task, thrown);
            Throwable failure = thrown != null ? thrown : failureOf(task);
            if (failure != null) {
                LOG.warn("A task of plugin {} failed: {}", pluginId, failure.toString(), failure);
            }
        } finally {
            MDC.clear();
        }
    }

    /** @return what a completed task threw (a one-time task, or a periodic one that ended), else null */
    private static Throwable failureOf(Runnable task) {
        if (!(task instanceof Future<?> future) || !future.isDone() || future.isCancelled()) {
            return null;
        }
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int requirePositive(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("A plugin's executor needs at least 1 thread, not " + threads);
        }
        return threads;
    }

    /** Daemon threads {@code plugin-<id>-<n>}, with the plugin's class loader and a handler logging what escapes. */
    private static final class PluginThreads implements ThreadFactory {

        private final String pluginId;
        private final ClassLoader pluginLoader;
        private final AtomicInteger count = new AtomicInteger();

        PluginThreads(String pluginId, ClassLoader pluginLoader) {
            this.pluginId = pluginId;
            this.pluginLoader = pluginLoader;
        }

        @Override
        public Thread newThread(Runnable worker) {
            Thread thread = new Thread(worker, "plugin-" + pluginId + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            if (pluginLoader != null) {
                thread.setContextClassLoader(pluginLoader);
            }
            thread.setUncaughtExceptionHandler((t, e) -> {
                MDC.put(MDC_KEY, pluginId);
                LOG.error("Thread {} of plugin {} died: {}", t.getName(), pluginId, e.toString(), e);
            });
            return thread;
        }
    }
}
