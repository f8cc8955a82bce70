package io.metacortex.tasks.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The fields an update changed, for the history: {@code {"title": {"from": "a", "to": "b"}}}, in field order. */
final class TaskChanges {

    private TaskChanges() {}

    /**
     * @param withoutStatus leave the status out (a completion or reopening has an entry of its own)
     * @return the changed editable fields with their old and new values as JSON values; empty when none changed
     */
    static Map<String, Object> between(Task before, Task after, boolean withoutStatus) {
        Map<String, Object> changes = new LinkedHashMap<>();
        compare(changes, "title", before, after, Task::title);
        compare(changes, "description", before, after, Task::description);
        compare(
                changes,
                "due",
                before,
                after,
                t -> t.due() == null ? null : t.due().toString());
        compare(changes, "priority", before, after, t -> t.priority().name());
        if (!withoutStatus) {
            compare(changes, "status", before, after, t -> t.status().name());
        }
        compare(changes, "tags", before, after, Task::tags);
        compare(changes, "parentId", before, after, Task::parentId);
        compare(changes, "projectId", before, after, Task::projectId);
        compare(changes, "completeWhenSubtasksDone", before, after, Task::completeWhenSubtasksDone);
        compare(changes, "recurrence", before, after, Task::recurrence);
        return changes;
    }

    private static void compare(
            Map<String, Object> changes, String field, Task before, Task after, Function<Task, Object> value) {
        Object from = value.apply(before);
        Object to = value.apply(after);
        if (!Objects.equals(from, to)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", from);
            change.put("to", to);
            changes.put(field, change);
        }
    }
}
