package io.metacortex.host.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the plugin lifecycle does with jobs: gives each version it loads its {@link PluginJobs}, switches a plugin's
 * jobs to the version it activates (or holds them back when it deactivates the plugin), lets a replaced version finish
 * its runs, and deletes a purged plugin's jobs.
 */
public final class JobHost {

    private static final Logger LOG = LoggerFactory.getLogger(JobHost.class);

    private final JobTypes types;
    private final JobQueue queue;
    private final JobStore store;
    private final JobMetrics metrics;
    private final Supplier<ObjectMapper> mappers;
    private final Clock clock;

    /** @param mappers a new mapper for each plugin version, configured as for its requests */
    JobHost(
            JobTypes types,
            JobScheduler scheduler,
            JobStore store,
            JobMetrics metrics,
            Supplier<ObjectMapper> mappers,
            Clock clock) {
        this.types = types;
        this.queue = scheduler.queue();
        this.store = store;
        this.metrics = metrics;
        this.mappers = mappers;
        this.clock = clock;
    }

    /** @return the jobs of a version being loaded, to hand to its context */
    public PluginJobs open(String pluginId, String version) {
        return new PluginJobs(pluginId, version, mappers.get(), queue, clock);
    }

    /** The version started: it registers nothing more. */
    public void started(PluginJobs jobs) {
        jobs.seal();
    }

    /** The version failed to load: the jobs it created while starting are deleted. */
    public void abandon(PluginJobs jobs) {
        jobs.abandon();
    }

    /** The plugin's jobs run on this version from now on (the one it replaces finishes its runs in flight). */
    public void activate(PluginJobs jobs) {
        types.activate(jobs);
    }

    /**
     * The plugin no longer runs here.
     *
     * @param holdJobs whether its jobs wait, held back in the database (it was disabled, uninstalled or failed), or
     *     may still run on other hosts (this one shuts down)
     */
    public void deactivate(String pluginId, boolean holdJobs) {
        types.deactivate(pluginId, holdJobs);
    }

    /**
     * Lets a replaced or unloaded version finish its runs in flight, admitting no new one.
     *
     * @return whether they ended within the timeout
     */
    public boolean drain(PluginJobs jobs, Duration timeout) {
        boolean drained = jobs.closeAndDrain(timeout);
        if (!drained) {
            LOG.warn(
                    "Plugin {} {} still ran jobs after {}; stopping it anyway (those runs go on, and may fail)",
                    jobs.pluginId(),
                    jobs.version(),
                    timeout);
        }
        return drained;
    }

    /** Deletes every job of the plugin and its metrics: it was uninstalled with purge. */
    public void forget(String pluginId) {
        int deleted = store.deleteAll(pluginId);
        metrics.forget(pluginId);
        if (deleted > 0) {
            LOG.info("Deleted the {} jobs of purged plugin {}", deleted, pluginId);
        }
    }
}
