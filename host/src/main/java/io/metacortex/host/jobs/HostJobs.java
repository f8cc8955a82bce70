package io.metacortex.host.jobs;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Clock;
import com.github.kagkarlsson.scheduler.task.Task;
import io.metacortex.host.config.JobSettings;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The jobs' parts, wired: the scheduler to start and stop, the host side for the plugin lifecycle, the admin side,
 * the metrics and the health check.
 */
public record HostJobs(
        JobScheduler scheduler, JobHost host, JobAdmin admin, JobMetrics metrics, HealthCheck healthCheck) {

    /**
     * @param drainTimeout how long a stopping host waits for the runs in flight
     * @param mappers a new mapper for each plugin version, configured as for its requests
     */
    public static HostJobs create(
            DataSource dataSource,
            JobSettings settings,
            Duration drainTimeout,
            java.time.Clock clock,
            Supplier<ObjectMapper> mappers) {
        return create(dataSource, settings, drainTimeout, clock, mappers, List.of());
    }

    /** @param hostTasks the host's own db-scheduler tasks (e.g. the events' sweep); recurring ones start with it */
    public static HostJobs create(
            DataSource dataSource,
            JobSettings settings,
            Duration drainTimeout,
            java.time.Clock clock,
            Supplier<ObjectMapper> mappers,
            List<Task<?>> hostTasks) {
        Clock now = clock::instant;
        JobStore store = new JobStore(Jdbi.create(dataSource));
        JobTypes types = new JobTypes(store);
        JobMetrics metrics = new JobMetrics(store, now);
        PluginJobTask task = new PluginJobTask(types, store, new Backoff(new SplittableRandom()), metrics);
        JobScheduler scheduler = JobScheduler.create(dataSource, store, task, hostTasks, settings, drainTimeout, now);
        return new HostJobs(
                scheduler,
                new JobHost(types, scheduler, store, metrics, mappers, now),
                new JobAdmin(store, now),
                metrics,
                new JobsHealthCheck(store, now, settings.getLateThreshold().toJavaDuration()));
    }
}
