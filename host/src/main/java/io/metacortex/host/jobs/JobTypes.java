package io.metacortex.host.jobs;

import com.github.kagkarlsson.scheduler.task.Execution;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which plugin version's handlers take each plugin's jobs now, and the gate every run passes: a job whose plugin
 * does not run is held back as paused, one whose type the running version does not register as orphaned, neither
 * counted as an attempt. Switching versions releases what the new one can run; the lock makes sure no run is held
 * back by a decision taken before the switch.
 */
final class JobTypes {

    private static final Logger LOG = LoggerFactory.getLogger(JobTypes.class);

    private final JobStore store;
    private final Map<String, PluginJobs> active = new ConcurrentHashMap<>();

    JobTypes(JobStore store) {
        this.store = store;
    }

    /** A run admitted to a version: run it, then {@link #exit()}. */
    record Admission(PluginJobs jobs, PluginJobs.Registration<?> registration) {
        void exit() {
            jobs.exit();
        }
    }

    /** @return the version admitting this run of the job, or null when it was held back instead */
    Admission admit(JobId id, Execution execution) {
        Admission admitted = tryAdmit(id);
        if (admitted != null) {
            return admitted;
        }
        synchronized (this) {
            admitted = tryAdmit(id);
            if (admitted != null) {
                return admitted;
            }
            PluginJobs running = active.get(id.pluginId());
            JobState held = running == null ? JobState.PAUSED : JobState.ORPHANED;
            if (store.hold(execution, held, null, null) && held == JobState.ORPHANED) {
                LOG.warn(
                        "Job {} waits: plugin {} {} does not register job type {} (GET /admin/jobs?state=orphaned)",
                        id.instance(),
                        running.pluginId(),
                        running.version(),
                        id.type());
            }
            return null;
        }
    }

    private Admission tryAdmit(JobId id) {
        PluginJobs jobs = active.get(id.pluginId());
        PluginJobs.Registration<?> registration = jobs == null ? null : jobs.enter(id.type());
        return registration == null ? null : new Admission(jobs, registration);
    }

    /**
     * Makes {@code jobs} the version that takes its plugin's jobs: those it registers run again, the others wait
     * as orphaned and are reported.
     */
    synchronized void activate(PluginJobs jobs) {
        active.put(jobs.pluginId(), jobs);
        int released = store.release(jobs.pluginId(), jobs.types());
        Map<String, Integer> orphaned = store.orphanAllBut(jobs.pluginId(), jobs.types());
        if (released > 0) {
            LOG.info("{} jobs of plugin {} run again on {}", released, jobs.pluginId(), jobs.version());
        }
        orphaned.forEach((type, count) -> LOG.warn(
                "Plugin {} {} does not register job type {}: its {} jobs wait until a version that does runs, or an"
                        + " admin deletes them (GET /admin/jobs?plugin={}&state=orphaned)",
                jobs.pluginId(),
                jobs.version(),
                type,
                count,
                jobs.pluginId()));
    }

    /**
     * Stops admitting runs of the plugin's jobs here; runs in flight go on.
     *
     * @param hold whether to hold its jobs back in the database until a version of it is activated again
     */
    synchronized void deactivate(String pluginId, boolean hold) {
        if (active.remove(pluginId) != null && hold) {
            int paused = store.pause(pluginId);
            if (paused > 0) {
                LOG.info("{} jobs of plugin {} wait until it runs again", paused, pluginId);
            }
        }
    }
}
