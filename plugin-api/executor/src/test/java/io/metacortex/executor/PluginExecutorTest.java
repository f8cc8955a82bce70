package io.metacortex.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The pool behind PluginContext.executor(): bounded, named daemon threads, the plugin in the MDC, shut down at stop. */
class PluginExecutorTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger log = (Logger) LoggerFactory.getLogger(PluginExecutor.class);
    private final ClassLoader pluginLoader = new URLClassLoader(new URL[0], null);
    private PluginExecutor executor;

    @BeforeEach
    void captureLog() {
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void stop() {
        log.detachAppender(logged);
        if (executor != null) {
            executor.shutdownNowAndWait(Duration.ofSeconds(5));
        }
    }

    @Test
    void tasksRunOnNamedDaemonThreadsWithThePluginInTheMdcAndItsClassLoader() throws Exception {
        executor = new PluginExecutor("notes", pluginLoader, 2);
        Future<Map<String, Object>> seen = executor.submit(() -> Map.of(
                "name", Thread.currentThread().getName(),
                "daemon", Thread.currentThread().isDaemon(),
                "plugin", MDC.get(PluginExecutor.MDC_KEY),
                "loader", Thread.currentThread().getContextClassLoader()));

        assertThat(seen.get(5, TimeUnit.SECONDS))
                .containsEntry("name", "plugin-notes-1")
                .containsEntry("daemon", true)
                .containsEntry("plugin", "notes")
                .containsEntry("loader", pluginLoader);
        assertThat(executor.pluginId()).isEqualTo("notes");
    }

    @Test
    void atMostTheConfiguredNumberOfThreadsRunAtOnce() throws Exception {
        executor = new PluginExecutor("tasks", null, 2);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CyclicBarrier pairs = new CyclicBarrier(2);
        CountDownLatch done = new CountDownLatch(6);
        for (int i = 0; i < 6; i++) {
            executor.execute(() -> {
                threads.add(Thread.currentThread().getName());
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    pairs.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    running.decrementAndGet();
                    done.countDown();
                }
            });
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mostAtOnce.get()).isEqualTo(2);
        assertThat(threads).containsExactlyInAnyOrder("plugin-tasks-1", "plugin-tasks-2");
    }

    @Test
    void aFailingTaskIsLoggedWithThePluginAndItsFutureFails() {
        executor = new PluginExecutor("habits", null, 1);
        Future<?> failed = executor.submit(() -> {
            throw new IllegalStateException("streak lost");
        });

        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("streak lost");
        await().atMost(Duration.ofSeconds(5)).until(() -> !logged.list.isEmpty());
        ILoggingEvent line = logged.list.get(0);
        assertThat(line.getFormattedMessage()).contains("A task of plugin habits failed", "streak lost");
        assertThat(line.getMDCPropertyMap()).containsEntry(PluginExecutor.MDC_KEY, "habits");
    }

    @Test
    void aPeriodicTaskThatThrowsIsLoggedOnceAndNotRunAgain() {
        executor = new PluginExecutor("habits", null, 1);
        AtomicInteger runs = new AtomicInteger();
        Future<?> periodic = executor.scheduleWithFixedDelay(
                () -> {
                    if (runs.incrementAndGet() == 3) {
                        throw new IllegalStateException("third run");
                    }
                },
                0,
                1,
                TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(5)).until(periodic::isDone);
        await().atMost(Duration.ofSeconds(5)).until(() -> logged.list.size() == 1);
        assertThat(runs.get()).isEqualTo(3);
        assertThat(logged.list.get(0).getFormattedMessage()).contains("third run");
    }

    @Test
    void aTaskThatSucceedsOrIsCancelledLogsNothing() throws Exception {
        executor = new PluginExecutor("tasks", null, 1);
        assertThat(executor.submit(() -> "fine").get(5, TimeUnit.SECONDS)).isEqualTo("fine");
        Future<?> later = executor.schedule(() -> {}, 1, TimeUnit.HOURS);
        later.cancel(false);

        assertThat(executor.submit(() -> "after").get(5, TimeUnit.SECONDS)).isEqualTo("after");
        assertThat(logged.list).isEmpty();
        assertThat(executor.getQueue()).isEmpty();
    }

    @Test
    void shutdownInterruptsRunningTasksDropsScheduledOnesAndRefusesNewOnes() throws Exception {
        executor = new PluginExecutor("tasks", null, 2);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean scheduledRan = new AtomicBoolean();
        executor.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(10).toMillis());
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        executor.schedule(() -> scheduledRan.set(true), 200, TimeUnit.MILLISECONDS);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(executor.shutdownNowAndWait(Duration.ofSeconds(5))).isTrue();
        assertThat(interrupted).isTrue();
        assertThat(executor.isTerminated()).isTrue();
        assertThatThrownBy(() -> executor.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
        assertThat(scheduledRan).isFalse();
    }

    @Test
    void aTaskIgnoringItsInterruptOutlivesTheShutdownsWait() throws Exception {
        executor = new PluginExecutor("stubborn", null, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        executor.execute(() -> {
            started.countDown();
            while (true) {
                try {
                    if (release.await(10, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException ignored) {
                    // hostile: keeps going
                }
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(executor.shutdownNowAndWait(Duration.ofMillis(100))).isFalse();
        release.countDown();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theWaitEndsWhenTheCallerIsInterrupted() throws InterruptedException {
        executor = new PluginExecutor("stubborn", null, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        executor.execute(() -> {
            started.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // hostile: keeps going
                }
            }
        });
        // Running, not queued: shutdownNow would drop a queued task and the pool would end at once.
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.currentThread().interrupt();
        try {
            assertThat(executor.shutdownNowAndWait(Duration.ofSeconds(30))).isFalse();
            assertThat(Thread.interrupted()).isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void anErrorEscapingAThreadIsLoggedWithThePlugin() throws Exception {
        executor = new PluginExecutor("notes", null, 1);
        Thread thread = executor.getThreadFactory().newThread(() -> {
            throw new IllegalStateException("escaped");
        });
        thread.start();
        thread.join(5_000);

        assertThat(logged.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).contains("plugin-notes-", "of plugin notes died", "escaped");
            assertThat(line.getMDCPropertyMap()).containsEntry(PluginExecutor.MDC_KEY, "notes");
        });
    }

    @Test
    void aPoolNeedsAThread() {
        assertThatThrownBy(() -> new PluginExecutor("tasks", null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 thread");
    }
}
