package io.metacortex.notes.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link TaskLookup} standing in for the tasks plugin: tasks added per user are found, others are NOT_FOUND, and
 * while {@link #unavailable} everything is UNAVAILABLE, as when the tasks plugin is absent.
 */
final class FakeTaskLookup implements TaskLookup {

    private final Map<UUID, Map<Long, LinkedTask>> tasks = new HashMap<>();
    private boolean available = true;

    FakeTaskLookup add(UUID user, long id, String title, String status) {
        tasks.computeIfAbsent(user, u -> new HashMap<>()).put(id, new LinkedTask(id, title, status));
        return this;
    }

    void unavailable() {
        available = false;
    }

    void clear() {
        tasks.clear();
        available = true;
    }

    @Override
    public List<LinkedTask> find(UUID userId, List<Long> taskIds) {
        Map<Long, LinkedTask> visible = tasks.getOrDefault(userId, Map.of());
        return taskIds.stream()
                .map(id -> !available ? LinkedTask.unavailable(id) : visible.getOrDefault(id, LinkedTask.notFound(id)))
                .toList();
    }
}
