/**
 * Durable events between plugins: a transactional outbox in the host's PostgreSQL.
 *
 * <p>A plugin publishes an event inside its own database transaction ({@link
 * io.metacortex.plugin.api.events.Events#publish}): the event exists if and only if that transaction commits. Other
 * plugins subscribe to a publisher's event types during {@link io.metacortex.plugin.api.Plugin#start}; the host
 * delivers each event to each subscriber at least once, in the order the publisher's transactions committed, with
 * retries and backoff, across restarts, and while a subscriber is disabled its events wait for it. Each delivery
 * runs the handler in a transaction on the subscriber's own database connections that also records the delivery, so
 * a handler whose transaction committed is never called again for that event.
 *
 * @since 1.3 of {@code io.metacortex.plugin.api}
 */
@Version("1.0.0")
@Export
package io.metacortex.plugin.api.events;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
