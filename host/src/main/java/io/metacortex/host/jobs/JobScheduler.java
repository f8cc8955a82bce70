package io.metacortex.host.jobs;

import com.github.kagkarlsson.scheduler.Clock;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.metacortex.host.config.JobSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * db-scheduler on the host's database: its table {@code metacortex.scheduled_tasks}, JSON task data, lock-and-fetch
 * polling (one statement picks a batch with {@code FOR UPDATE SKIP LOCKED}, so hosts sharing the database never pick
 * the same job), a bounded pool of workers, heartbeats (a job whose host stopped beating is run again elsewhere).
 * Plugin jobs are one task, {@link PluginJobTask}; the host's own recurring work (e.g. delivering events) is added as
 * further tasks, each known to every host from the start.
 */
public final class JobScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    /** A task name no host knows is never deleted: it may be a newer host's task in a mixed-version cluster. */
    private static final Duration KEEP_UNRESOLVED = Duration.ofDays(36_500);

    private final Scheduler scheduler;
    private final JobQueue queue;

    JobScheduler(Scheduler scheduler, JobStore store) {
        this.scheduler = scheduler;
        this.queue = new JobQueue(scheduler, store);
    }

    /**
     * @param hostTasks the host's own db-scheduler tasks, beside the plugins' jobs; recurring ones are scheduled at start
     * @param shutdownWait how long a stop waits for the runs in flight ({@code plugins.drainTimeout})
     */
    static JobScheduler create(
            DataSource dataSource,
            JobStore store,
            PluginJobTask pluginJobs,
            List<Task<?>> hostTasks,
            JobSettings settings,
            Duration shutdownWait,
            Clock clock) {
        // Recurring tasks are known to the scheduler as start tasks (it schedules them), the others as tasks.
        List<RecurringTask<?>> recurring = hostTasks.stream()
                .filter(RecurringTask.class::isInstance)
                .<RecurringTask<?>>map(RecurringTask.class::cast)
                .toList();
        List<Task<?>> tasks = new ArrayList<>(hostTasks);
        tasks.removeAll(recurring);
        tasks.add(pluginJobs);
        Scheduler scheduler = configure(Scheduler.create(dataSource, tasks))
                .startTasks(recurring)
                .clock(clock)
                .threads(settings.getThreads())
                .executorService(workers(settings.getThreads()))
                .pollingInterval(settings.getPollingInterval().toJavaDuration())
                .pollUsingLockAndFetch(0.5, 1.0)
                .heartbeatInterval(settings.getHeartbeatInterval().toJavaDuration())
                .enableImmediateExecution()
                .shutdownMaxWait(shutdownWait)
                .schedulerName(new SchedulerName.Fixed(
                        hostName() + ":" + ProcessHandle.current().pid()))
                .build();
        return new JobScheduler(scheduler, store);
    }

    /** What every scheduler on the host's table needs, also a test's manual one: table, JSON data, quiet failures. */
    static <B extends SchedulerBuilder> B configure(B builder) {
        builder.tableName(JobStore.TABLE)
                .serializer(new JobDataSerializer())
                .alwaysPersistTimestampInUTC()
                // PluginJobTask logs a failed run itself, with the plugin in the MDC.
                .failureLogging(LogLevel.DEBUG, false)
                .deleteUnresolvedAfter(KEEP_UNRESOLVED);
        return builder;
    }

    /** Starts polling for due jobs: once the host schema is migrated and the plugins are loaded. */
    public void start() {
        scheduler.start();
        LOG.info("Job scheduler started");
    }

    /** Stops polling and waits for the runs in flight (at most the shutdown wait); before the plugins are unloaded. */
    public void stop() {
        scheduler.stop();
    }

    JobQueue queue() {
        return queue;
    }

    private static ExecutorService workers(int threads) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "job-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "host";
        }
    }
}
