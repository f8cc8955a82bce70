package io.metacortex.notes.internal;

import java.util.List;
import java.util.UUID;

/**
 * Finds the tasks a note links to, as their user sees them now. The notes plugin's only view of the tasks plugin,
 * which is optional: an implementation answers {@link LinkedTask#UNAVAILABLE} rather than fail when it cannot ask.
 */
public interface TaskLookup {

    /**
     * @param userId the user whose note links the tasks (the request's user)
     * @param taskIds the linked task ids
     * @return one entry per id, in the same order: the task's title and status, {@link LinkedTask#NOT_FOUND} when
     *     the user has no such task, or {@link LinkedTask#UNAVAILABLE} when the tasks plugin cannot be asked
     */
    List<LinkedTask> find(UUID userId, List<Long> taskIds);
}
