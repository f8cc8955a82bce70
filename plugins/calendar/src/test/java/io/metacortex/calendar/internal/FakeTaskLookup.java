package io.metacortex.calendar.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Tasks a test declares, per user; unknown ids are NOT_FOUND, and everything is UNAVAILABLE while switched off. */
final class FakeTaskLookup implements TaskLookup {

    private final Map<UUID, Map<Long, LinkedTask>> tasks = new HashMap<>();
    private boolean available = true;

    void add(UUID user, long id, String title, String status) {
        tasks.computeIfAbsent(user, u -> new HashMap<>()).put(id, new LinkedTask(id, title, status));
    }

    void available(boolean available) {
        this.available = available;
    }

    @Override
    public Map<Long, LinkedTask> find(UUID userId, Collection<Long> taskIds) {
        Map<Long, LinkedTask> found = new HashMap<>();
        for (long id : taskIds) {
            found.put(
                    id,
                    !available
                            ? LinkedTask.unavailable(id)
                            : tasks.getOrDefault(userId, Map.of()).getOrDefault(id, LinkedTask.notFound(id)));
        }
        return found;
    }
}
