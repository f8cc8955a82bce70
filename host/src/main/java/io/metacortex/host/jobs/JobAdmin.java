package io.metacortex.host.jobs;

import com.github.kagkarlsson.scheduler.Clock;
import io.metacortex.host.errors.HostException;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;

/** What admins do with jobs: list, look at, retry and delete them; every refusal says why and what to do. */
public final class JobAdmin {

    private final JobStore store;
    private final Clock clock;

    JobAdmin(JobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<JobView> page(Long before, String pluginId, JobState state, String type, int limit) {
        return store.page(before, pluginId, state, type, limit);
    }

    /** @throws HostException 404 when no job has that id */
    public JobView get(String id) {
        return store.find(parse(id)).orElseThrow(() -> notFound(id));
    }

    /**
     * Runs a failed job again from its first attempt, or a scheduled one now.
     *
     * @throws HostException 404 when no job has that id; 409 when it runs now or waits for its plugin; 422 when the
     *     running version of its plugin does not register its type
     */
    public JobView retry(String id) {
        JobView job = get(id);
        if (!store.retryNow(job.id(), clock.now())) {
            JobView now = get(id);
            throw switch (JobState.ofLabel(now.state()).orElseThrow()) {
                case RUNNING ->
                    new HostException(
                            Status.CONFLICT,
                            "job running",
                            "Job " + id + " runs now; retry it once its run ended (if it failed).");
                case PAUSED ->
                    new HostException(
                            Status.CONFLICT,
                            "plugin not running",
                            "Job " + id + " waits for plugin " + now.plugin()
                                    + ", which does not run; it runs once the plugin is enabled (POST /admin/plugins/"
                                    + now.plugin() + "/enable) or installed again.");
                case ORPHANED ->
                    new HostException(
                            422,
                            "job type not registered",
                            "The running version of plugin " + now.plugin() + " does not register job type "
                                    + now.type() + ", so job " + id
                                    + " cannot run; install a version that registers it,"
                                    + " or delete the job.",
                            null);
                default ->
                    new HostException(
                            Status.CONFLICT, "job changed", "Job " + id + " changed meanwhile; look at it again.");
            };
        }
        return get(id);
    }

    /** @throws HostException 404 when no job has that id */
    public void delete(String id) {
        if (!store.delete(parse(id))) {
            throw notFound(id);
        }
    }

    /** Ids are numbers; anything else names no job. */
    private static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound(id);
        }
    }

    private static HostException notFound(String id) {
        return new HostException(
                Status.NOT_FOUND, "job not found", "No job with id '" + id + "'; GET /admin/jobs lists them.");
    }
}
