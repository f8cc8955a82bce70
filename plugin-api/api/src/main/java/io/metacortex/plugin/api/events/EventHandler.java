package io.metacortex.plugin.api.events;

import org.jdbi.v3.core.Handle;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Handles the events of one subscription ({@link Events#subscribe}). Implemented by the plugin.
 *
 * <p>The host calls it on one of its event workers, outside of any request, with the plugin's id in the SLF4J MDC
 * under {@code plugin}, and a handle of the plugin's own Jdbi in a transaction in which the host records the delivery.
 * Returning commits that transaction: the handler's writes and the delivery together, so the handler is not called
 * for this event again. Throwing rolls both back: the event is delivered again after a backoff, and after the host's
 * maximum of attempts it is parked for an admin to retry or delete, and the events behind it flow on. Events of one
 * publisher reach the handler one at a time, in the publisher's order.
 *
 * @param <T> the payload class given when subscribing
 */
@ConsumerType
@FunctionalInterface
public interface EventHandler<T> {

    /**
     * Handles one event. Write with {@code handle} for the writes to commit with the delivery; the connection carries
     * the event's {@link Event#userId() user} as {@code app.user_id}, as the publisher's request did.
     *
     * @throws Exception when handling failed and the event should be delivered again
     */
    void handle(Event<T> event, Handle handle) throws Exception;
}
