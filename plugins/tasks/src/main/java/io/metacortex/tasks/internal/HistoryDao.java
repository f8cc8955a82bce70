package io.metacortex.tasks.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * SQL for {@code task_history}, on one handle, acting as one user. Entries are only added, never changed; the
 * caller checks that the user may see the task (the table's row-level security checks it again).
 */
final class HistoryDao {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Handle handle;
    private final UUID actor;

    HistoryDao(Handle handle, UUID actor) {
        this.handle = Objects.requireNonNull(handle);
        this.actor = Objects.requireNonNull(actor);
    }

    /** @param details JSON-able values only: strings, numbers, booleans, lists and maps of them, nulls */
    void add(Task task, HistoryEvent event, Map<String, ?> details) {
        handle.createUpdate("""
                INSERT INTO task_history (task_id, owner_id, actor_id, event, details)
                VALUES (:task, :owner, :actor, :event, CAST(:details AS jsonb))""")
                .bind("task", task.id())
                .bind("owner", task.ownerId())
                .bind("actor", actor)
                .bind("event", event.name())
                .bind("details", json(details))
                .execute();
    }

    /** @return the entries of a task, oldest first, after {@code page.afterId()} */
    List<HistoryEntry> list(long taskId, PageRequest page) {
        return handle.createQuery("""
                SELECT id, task_id, actor_id, event, CAST(details AS text) AS details, created_at
                  FROM task_history
                 WHERE task_id = :task AND id > :after
                 ORDER BY id LIMIT :limit""")
                .bind("task", taskId)
                .bind("after", page.afterId())
                .bind("limit", page.limit())
                .map((rs, ctx) -> new HistoryEntry(
                        rs.getLong("id"),
                        rs.getLong("task_id"),
                        rs.getObject("actor_id", UUID.class),
                        HistoryEvent.valueOf(rs.getString("event")),
                        parse(rs.getString("details")),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private static String json(Map<String, ?> details) {
        try {
            return JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("history details must be plain JSON values", e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored history details are not JSON", e);
        }
    }
}
