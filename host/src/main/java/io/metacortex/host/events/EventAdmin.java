package io.metacortex.host.events;

import io.metacortex.host.errors.HostException;
import jakarta.ws.rs.core.Response.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What admins see of events and do with parked ones. */
public final class EventAdmin {

    private final EventStore store;
    private final EventDispatcher dispatcher;
    private final Clock clock;

    EventAdmin(EventStore store, EventDispatcher dispatcher, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * A subscriber's events of one publisher's type.
     *
     * @param subscribed whether the plugin subscribes to the type now (false: deliveries of a former subscription)
     * @param backlog events waiting to be delivered, parked ones not counted
     * @param oldestUndelivered when the oldest of them was published, or null
     * @param oldestUndeliveredAgeSeconds how long ago, or 0
     * @param parked events parked for an admin
     */
    public record SubscriberView(
            String subscriber,
            String publisher,
            String type,
            boolean subscribed,
            long backlog,
            Instant oldestUndelivered,
            double oldestUndeliveredAgeSeconds,
            long parked) {}

    /** A parked delivery: the event, its subscriber, its attempts and its last error. */
    public record ParkedView(
            String subscriber,
            long eventId,
            String publisher,
            String type,
            Instant publishedAt,
            int attempts,
            String lastError) {}

    public List<SubscriberView> subscribers() {
        Instant now = clock.instant();
        return store.backlog().stream()
                .map(b -> new SubscriberView(
                        b.subscriber(),
                        b.publisher(),
                        b.type(),
                        b.subscribed(),
                        b.pending(),
                        b.oldestPending(),
                        b.oldestPending() == null
                                ? 0
                                : Math.max(
                                        0,
                                        Duration.between(b.oldestPending(), now).toMillis() / 1000.0),
                        b.parked()))
                .toList();
    }

    /** @param subscriber only this plugin's, or null for all */
    public List<ParkedView> parked(String subscriber, int limit) {
        return store.parked(subscriber, limit).stream()
                .map(p -> new ParkedView(
                        p.subscriber(),
                        p.eventId(),
                        p.publisher(),
                        p.type(),
                        p.publishedAt(),
                        p.attempts(),
                        p.lastError()))
                .toList();
    }

    /** Delivers a parked event again (at its stream's turn), its attempts counted from zero. */
    public void retry(String subscriber, long eventId) {
        if (!store.retry(subscriber, eventId)) {
            throw notParked(subscriber, eventId);
        }
        dispatcher.wake();
    }

    public void delete(String subscriber, long eventId) {
        if (!store.deleteParked(subscriber, eventId)) {
            throw notParked(subscriber, eventId);
        }
    }

    private static HostException notParked(String subscriber, long eventId) {
        return new HostException(
                Status.NOT_FOUND,
                "parked event not found",
                "No event " + eventId + " is parked for plugin " + subscriber + " (GET /admin/events/parked lists"
                        + " them).");
    }
}
