package io.metacortex.host.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The host's statements on the outbox tables of schema {@code metacortex} (see {@code V8__events.sql}). */
final class EventStore {

    private static final int MAX_ERROR_LENGTH = 1000;

    private final Jdbi jdbi;

    EventStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Makes {@code subscriptions} exactly what {@code subscriber} subscribes to from now on. */
    void subscribe(String subscriber, Collection<Subscription> subscriptions) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("DELETE FROM metacortex.event_subscriptions WHERE subscriber = :s")
                    .bind("s", subscriber)
                    .execute();
            for (Subscription subscription : subscriptions) {
                handle.createUpdate("INSERT INTO metacortex.event_subscriptions (publisher, type, subscriber)"
                                + " VALUES (:p, :t, :s)")
                        .bind("p", subscription.publisher())
                        .bind("t", subscription.type())
                        .bind("s", subscriber)
                        .execute();
            }
        });
    }

    /** @return the streams with a pending delivery to one of these subscribers */
    List<Stream> streams(Collection<String> subscribers) {
        if (subscribers.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT DISTINCT subscriber, publisher"
                        + " FROM metacortex.event_deliveries WHERE state = 'pending' AND subscriber IN (<subscribers>)")
                .bindList("subscribers", List.copyOf(subscribers))
                .map((rs, ctx) -> new Stream(rs.getString(1), rs.getString(2)))
                .list());
    }

    /** @return the stream's first pending delivery, due or not */
    static Optional<PendingDelivery> head(Handle handle, Stream stream) {
        return handle.createQuery("""
                        SELECT d.event_id, d.publisher, d.type, e.payload::text, e.user_id, e.published_at, d.attempts,
                               greatest(0, ceil(extract(epoch FROM d.next_attempt_at - clock_timestamp()) * 1000))
                        FROM metacortex.event_deliveries d JOIN metacortex.events e ON e.id = d.event_id
                        WHERE d.subscriber = :s AND d.publisher = :p AND d.state = 'pending'
                        ORDER BY d.event_id LIMIT 1""")
                .bind("s", stream.subscriber())
                .bind("p", stream.publisher())
                .map((rs, ctx) -> new PendingDelivery(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getInt(7),
                        rs.getLong(8)))
                .findOne();
    }

    /** Counts a failed delivery and sets when it is tried again, by the database's clock. */
    static void failed(Handle handle, String subscriber, long eventId, String error, Duration wait) {
        handle.createUpdate("UPDATE metacortex.event_deliveries SET attempts = attempts + 1, last_error = :e,"
                        + " next_attempt_at = clock_timestamp() + make_interval(secs => :wait)"
                        + " WHERE subscriber = :s AND event_id = :id AND state = 'pending'")
                .bind("e", clip(error))
                .bind("wait", wait.toMillis() / 1000.0)
                .bind("s", subscriber)
                .bind("id", eventId)
                .execute();
    }

    /** Parks a delivery: it waits for an admin, and the stream goes on behind it. */
    static void park(Handle handle, String subscriber, long eventId, String error, boolean countsAsAttempt) {
        handle.createUpdate("UPDATE metacortex.event_deliveries SET state = 'parked', last_error = :e,"
                        + " attempts = attempts + :a WHERE subscriber = :s AND event_id = :id AND state = 'pending'")
                .bind("e", clip(error))
                .bind("a", countsAsAttempt ? 1 : 0)
                .bind("s", subscriber)
                .bind("id", eventId)
                .execute();
    }

    /** A subscriber's waiting deliveries of one publisher's type, for the admin and the metrics. */
    record Backlog(
            String subscriber,
            String publisher,
            String type,
            boolean subscribed,
            long pending,
            long parked,
            Instant oldestPending) {}

    List<Backlog> backlog() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT coalesce(s.subscriber, w.subscriber), coalesce(s.publisher, w.publisher),
                               coalesce(s.type, w.type), s.subscriber IS NOT NULL,
                               coalesce(w.pending, 0), coalesce(w.parked, 0), w.oldest
                        FROM metacortex.event_subscriptions s
                        FULL JOIN (SELECT d.subscriber, d.publisher, d.type,
                                          count(*) FILTER (WHERE d.state = 'pending') AS pending,
                                          count(*) FILTER (WHERE d.state = 'parked') AS parked,
                                          min(e.published_at) FILTER (WHERE d.state = 'pending') AS oldest
                                   FROM metacortex.event_deliveries d JOIN metacortex.events e ON e.id = d.event_id
                                   WHERE d.state <> 'delivered'
                                   GROUP BY d.subscriber, d.publisher, d.type) w
                          ON w.subscriber = s.subscriber AND w.publisher = s.publisher AND w.type = s.type
                        ORDER BY 1, 2, 3""")
                .map((rs, ctx) -> new Backlog(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBoolean(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
                .list());
    }

    /** A parked delivery, as the admin sees it. */
    record Parked(
            String subscriber,
            long eventId,
            String publisher,
            String type,
            Instant publishedAt,
            int attempts,
            String lastError) {}

    List<Parked> parked(String subscriber, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT d.subscriber, d.event_id, d.publisher, d.type, e.published_at, d.attempts, d.last_error
                        FROM metacortex.event_deliveries d JOIN metacortex.events e ON e.id = d.event_id
                        WHERE d.state = 'parked' AND (CAST(:s AS TEXT) IS NULL OR d.subscriber = :s)
                        ORDER BY d.event_id LIMIT :limit""")
                .bind("s", subscriber)
                .bind("limit", limit)
                .map((rs, ctx) -> new Parked(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getInt(6),
                        rs.getString(7)))
                .list());
    }

    /** Sends a parked delivery again, its attempts counted from zero. @return whether it was parked */
    boolean retry(String subscriber, long eventId) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE metacortex.event_deliveries SET state = 'pending',"
                                + " attempts = 0, next_attempt_at = clock_timestamp()"
                                + " WHERE subscriber = :s AND event_id = :id AND state = 'parked'")
                        .bind("s", subscriber)
                        .bind("id", eventId)
                        .execute()
                > 0);
    }

    /** @return whether there was such a parked delivery */
    boolean deleteParked(String subscriber, long eventId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM metacortex.event_deliveries"
                                + " WHERE subscriber = :s AND event_id = :id AND state = 'parked'")
                        .bind("s", subscriber)
                        .bind("id", eventId)
                        .execute()
                > 0);
    }

    /** Deletes the subscriber's subscriptions and deliveries: it was uninstalled with purge. @return deliveries */
    int forget(String subscriber) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM metacortex.event_subscriptions WHERE subscriber = :s")
                    .bind("s", subscriber)
                    .execute();
            return handle.createUpdate("DELETE FROM metacortex.event_deliveries WHERE subscriber = :s")
                    .bind("s", subscriber)
                    .execute();
        });
    }

    /**
     * Deletes what is older than {@code retention}: delivered records, then events nobody waits for any more.
     *
     * @return the events deleted
     */
    int deleteDelivered(Duration retention) {
        Instant before = Instant.now().minus(retention);
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM metacortex.event_deliveries WHERE state = 'delivered'"
                            + " AND delivered_at < :before")
                    .bind("before", before)
                    .execute();
            return handle.createUpdate("DELETE FROM metacortex.events e WHERE e.published_at < :before"
                            + " AND NOT EXISTS (SELECT 1 FROM metacortex.event_deliveries d WHERE d.event_id = e.id)")
                    .bind("before", before)
                    .execute();
        });
    }

    /** Wakes the delivery of every host listening (each delivers to the subscribers that run on it). */
    void notifyAllHosts() {
        jdbi.useHandle(handle -> handle.execute("SELECT pg_notify('" + EventListener.CHANNEL + "', '*')"));
    }

    Jdbi jdbi() {
        return jdbi;
    }

    private static String clip(String error) {
        String text = error == null || error.isBlank() ? "failed without a message (see the host's log)" : error;
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "..." : text;
    }
}
