package io.metacortex.calendar.internal;

/**
 * The task an event time-blocks, as the tasks plugin reports it now.
 *
 * @param title the task's title, or null unless found
 * @param status the task's status; {@value #NOT_FOUND} when the user has no such task; {@value #UNAVAILABLE} when the
 *     tasks plugin is not installed, not active or failed to answer
 */
public record LinkedTask(long id, String title, String status) {

    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String UNAVAILABLE = "UNAVAILABLE";

    static LinkedTask notFound(long id) {
        return new LinkedTask(id, null, NOT_FOUND);
    }

    static LinkedTask unavailable(long id) {
        return new LinkedTask(id, null, UNAVAILABLE);
    }
}
