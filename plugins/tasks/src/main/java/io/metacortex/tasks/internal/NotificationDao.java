package io.metacortex.tasks.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** SQL for {@code task_notifications}, on one handle, acting as one user: who tells others, and reads their own. */
final class NotificationDao {

    private final Handle handle;
    private final UUID user;

    NotificationDao(Handle handle, UUID user) {
        this.handle = Objects.requireNonNull(handle);
        this.user = Objects.requireNonNull(user);
    }

    /** Tells the task's assignee that the user deleted it. */
    void taskDeleted(Task task) {
        handle.createUpdate("""
                INSERT INTO task_notifications (owner_id, actor_id, event, task_id, task_title)
                VALUES (:recipient, :actor, 'TASK_DELETED', :task, :title)""")
                .bind("recipient", task.delegation().assigneeId())
                .bind("actor", user)
                .bind("task", task.id())
                .bind("title", task.title())
                .execute();
    }

    /** @return the user's notifications, oldest first, after {@code page.afterId()} */
    List<Notification> list(PageRequest page) {
        return handle.createQuery("""
                SELECT id, event, actor_id, task_id, task_title, created_at
                  FROM task_notifications
                 WHERE owner_id = :user AND id > :after
                 ORDER BY id LIMIT :limit""")
                .bind("user", user)
                .bind("after", page.afterId())
                .bind("limit", page.limit())
                .map((rs, ctx) -> new Notification(
                        rs.getLong("id"),
                        rs.getString("event"),
                        rs.getObject("actor_id", UUID.class),
                        rs.getLong("task_id"),
                        rs.getString("task_title"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
