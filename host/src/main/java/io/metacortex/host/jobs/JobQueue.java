package io.metacortex.host.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Instant;

/** Adds plugins' jobs through db-scheduler (which wakes its poller for a job due now) and cancels them. */
final class JobQueue {

    private final SchedulerClient client;
    private final JobStore store;

    JobQueue(SchedulerClient client, JobStore store) {
        this.client = client;
        this.store = store;
    }

    /** @return whether the job was created: false when one with its id exists (left unchanged) */
    boolean add(JobId id, JobData data, Instant at) {
        return client.scheduleIfNotExists(new TaskInstance<>(PluginJobTask.NAME, id.instance(), data), at);
    }

    /** @return whether the job existed */
    boolean cancel(JobId id) {
        return store.delete(id);
    }
}
