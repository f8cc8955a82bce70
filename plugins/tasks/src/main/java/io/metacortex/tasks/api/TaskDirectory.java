package io.metacortex.tasks.api;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Looks up tasks the way their user sees them: a task is found for the user who owns it and for the user it is
 * delegated to, and for nobody else. Offered by the tasks plugin while it is active; call it from a request of that
 * user (the tasks plugin reads its data as the request's user).
 */
@ProviderType
public interface TaskDirectory {

    /** @return the task, when it exists and {@code userId} may see it */
    Optional<TaskSummary> find(UUID userId, long taskId);

    /**
     * @return the tasks among {@code taskIds} that exist and {@code userId} may see, by id; ids of other tasks are
     *     left out
     */
    Map<Long, TaskSummary> findAll(UUID userId, Collection<Long> taskIds);
}
