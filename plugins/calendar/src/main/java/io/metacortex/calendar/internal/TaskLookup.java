package io.metacortex.calendar.internal;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Finds the tasks events time-block, as their user sees them now. The calendar plugin's only view of the tasks
 * plugin, which is optional: an implementation answers {@link LinkedTask#UNAVAILABLE} rather than fail.
 */
public interface TaskLookup {

    /** @return one entry per id: the task, {@link LinkedTask#NOT_FOUND} or {@link LinkedTask#UNAVAILABLE} */
    Map<Long, LinkedTask> find(UUID userId, Collection<Long> taskIds);
}
