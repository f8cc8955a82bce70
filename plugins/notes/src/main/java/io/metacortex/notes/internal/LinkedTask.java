package io.metacortex.notes.internal;

/**
 * A task a note links to, as the tasks plugin reports it now.
 *
 * @param id the task id stored in the note
 * @param title the task's title, or null unless found
 * @param status the task's status ({@code PENDING}, {@code IN_PROGRESS}, {@code COMPLETED}, {@code BLOCKED}, ...);
 *     {@value #NOT_FOUND} when the tasks plugin has no such task for the user (deleted, or not theirs);
 *     {@value #UNAVAILABLE} when the tasks plugin is not installed, not active or failed to answer
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
