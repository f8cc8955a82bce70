package io.metacortex.host.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a job stands. db-scheduler knows two states, waiting ({@code picked} false) and picked; the host holds jobs
 * back by leaving them picked with a marker of its own in {@code picked_by} and no heartbeat, which db-scheduler
 * neither fetches (only unpicked rows are due) nor takes for dead (that needs a heartbeat).
 */
public enum JobState {
    /** Waiting for its time, or due and waiting for a worker. */
    SCHEDULED(null),
    /** A host runs it now. */
    RUNNING(null),
    /** Its plugin does not run (disabled, uninstalled, failed): it waits, without using attempts. */
    PAUSED("metacortex:paused"),
    /** Its plugin runs, but that version does not register the job's type: it waits for a version that does. */
    ORPHANED("metacortex:orphaned"),
    /** Its attempts are exhausted: it stays until an admin retries or deletes it. */
    FAILED("metacortex:failed");

    private final String marker;

    JobState(String marker) {
        this.marker = marker;
    }

    /** @return the {@code picked_by} value of a held job, null for the states db-scheduler manages */
    String marker() {
        return marker;
    }

    /** @return the state as the admin API names it: {@code scheduled}, {@code failed}... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the state with this label, if any */
    public static Optional<JobState> ofLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
    }

    /** The SQL expression of a row's state, as its label. */
    static final String SQL = "CASE WHEN NOT picked THEN 'scheduled'"
            + " WHEN picked_by = 'metacortex:paused' THEN 'paused'"
            + " WHEN picked_by = 'metacortex:orphaned' THEN 'orphaned'"
            + " WHEN picked_by = 'metacortex:failed' THEN 'failed'"
            + " ELSE 'running' END";
}
