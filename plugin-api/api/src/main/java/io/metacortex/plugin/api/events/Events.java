package io.metacortex.plugin.api.events;

import org.jdbi.v3.core.Handle;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A plugin's durable events, from {@link io.metacortex.plugin.api.PluginContext#events()}. Implemented by the host.
 *
 * <p>An event has a publisher (the plugin that published it, which the database tells the host: a plugin cannot
 * publish as another), a type, an id unique on the host, and a payload: an object written as JSON with Jackson when
 * it is published and read back as the subscriber's payload class, so publisher and subscriber share no class.
 *
 * <pre>{@code
 * // the publisher, in the transaction that completes the task
 * jdbi.useTransaction(handle -> {
 *     handle.execute("UPDATE tasks SET status = 'COMPLETED' WHERE id = ?", id);
 *     context.events().publish(handle, "task.completed", new TaskCompleted(id));
 * });
 * // a subscriber, in its Plugin.start
 * context.events().subscribe("tasks", "task.completed", TaskCompleted.class,
 *         (event, handle) -> handle.execute("INSERT INTO done (task_id) VALUES (?)", event.payload().id()));
 * }</pre>
 */
@ProviderType
public interface Events {

    /**
     * Publishes an event in the transaction of {@code handle}: it is delivered once that transaction commits, and
     * never if it rolls back. Until the transaction ends, other transactions of the same plugin that publish wait
     * for it: that keeps the order of the plugin's events the order its transactions committed.
     *
     * @param handle a handle of this plugin's {@link io.metacortex.plugin.api.PluginContext#jdbi()}, in a transaction
     *     (outside one, the event is published at once)
     * @param type 1 to 64 characters: lower-case letters, digits, {@code .}, {@code _} and {@code -}, starting with a
     *     letter or digit, e.g. {@code task.completed}
     * @param payload the event's data, written as JSON (not null)
     * @return the event's id
     * @throws IllegalArgumentException when the type is not a valid name, or the payload is null or cannot be
     *     written as JSON
     * @throws IllegalStateException when this version of the plugin no longer runs
     */
    long publish(Handle handle, String type, Object payload);

    /**
     * Subscribes to the events of one type of one publisher. Subscriptions can only be made during {@link
     * io.metacortex.plugin.api.Plugin#start}; the host keeps them, and the events published from then on wait for
     * this plugin while it is disabled, upgraded or stopped. A later version that does not subscribe to the type any
     * more has the type's undelivered events parked (the admin sees them, and retries them after a rollback or
     * deletes them).
     *
     * @param publisher the id of the publishing plugin, e.g. {@code tasks}
     * @param type the event type, as the publisher names it
     * @param payloadType the class each event's payload is read as
     * @param handler handles the events
     * @throws IllegalStateException when called after {@code start} returned
     * @throws IllegalArgumentException when the publisher or type is not a valid name, or the pair is subscribed to
     *     already
     */
    <T> void subscribe(String publisher, String type, Class<T> payloadType, EventHandler<T> handler);
}
