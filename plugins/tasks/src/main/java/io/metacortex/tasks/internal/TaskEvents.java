package io.metacortex.tasks.internal;

import io.metacortex.plugin.api.events.Events;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Publishes the tasks plugin's durable events in the transaction that makes the change, so that an event exists if
 * and only if the change committed: {@value #CREATED}, {@value #UPDATED}, {@value #COMPLETED} and {@value #DELETED},
 * each with a {@link TaskEvent}.
 */
public final class TaskEvents {

    public static final String CREATED = "task.created";
    public static final String UPDATED = "task.updated";
    public static final String COMPLETED = "task.completed";
    public static final String DELETED = "task.deleted";

    /** Publishes nothing: for a service without a host around (tests, the bench's baseline). */
    static final TaskEvents NONE = new TaskEvents(null);

    private final Events events;

    /** @param events the plugin's events, or null to publish nothing */
    public TaskEvents(Events events) {
        this.events = events;
    }

    void created(Handle handle, UUID user, Task task) {
        publish(handle, CREATED, user, task);
    }

    void updated(Handle handle, UUID user, Task task) {
        publish(handle, UPDATED, user, task);
    }

    void completed(Handle handle, UUID user, Task task) {
        publish(handle, COMPLETED, user, task);
    }

    void deleted(Handle handle, UUID user, Task task) {
        publish(handle, DELETED, user, task);
    }

    private void publish(Handle handle, String type, UUID user, Task task) {
        if (events != null) {
            events.publish(handle, type, TaskEvent.of(user, task));
        }
    }
}
