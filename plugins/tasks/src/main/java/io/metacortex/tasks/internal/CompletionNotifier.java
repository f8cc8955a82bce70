package io.metacortex.tasks.internal;

import io.metacortex.tasks.api.TaskCompletionListener;
import io.metacortex.tasks.api.TaskSummary;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the {@link TaskCompletionListener}s other plugins offer about completed tasks, after the completing
 * transaction committed. A listener that throws is logged and skipped: it neither undoes the completion nor keeps
 * the other listeners from hearing of it.
 */
@SuppressWarnings("deprecation") // TaskCompletionListener is told until it is removed
public final class CompletionNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionNotifier.class);

    /** Tells nobody: for a service without other plugins around (tests, the bench's baseline). */
    static final CompletionNotifier NONE = new CompletionNotifier(List::of);

    private final Supplier<List<TaskCompletionListener>> listeners;

    /** @param listeners the listeners offered now; asked at each completion, never kept */
    public CompletionNotifier(Supplier<List<TaskCompletionListener>> listeners) {
        this.listeners = listeners;
    }

    void completed(UUID userId, List<TaskSummary> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        for (TaskCompletionListener listener : listeners.get()) {
            for (TaskSummary task : tasks) {
                try {
                    listener.taskCompleted(userId, task);
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn(
                            "A task completion listener ({}) failed for task {}; the completion stands",
                            listener.getClass().getName(),
                            task.id(),
                            e);
                }
            }
        }
    }
}
