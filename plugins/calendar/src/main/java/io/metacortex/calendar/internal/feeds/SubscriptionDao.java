package io.metacortex.calendar.internal.feeds;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL of {@code feed_subscriptions}; every statement names the owner, as in {@code CalendarDao}. */
final class SubscriptionDao {

    private static final String COLUMNS = "id, owner_id, calendar_id, url, refresh_minutes, etag, last_modified,"
            + " last_sync_at, last_success_at, last_error";

    private SubscriptionDao() {}

    /** Sets the user of the transaction's row-level security: jobs run outside of any request. */
    static void actAs(Handle h, UUID owner) {
        h.execute("SELECT set_config('app.user_id', ?, true)", owner.toString());
    }

    static Subscription insert(Handle h, UUID owner, long calendarId, String url, int refreshMinutes) {
        return h.createQuery("INSERT INTO feed_subscriptions (owner_id, calendar_id, url, refresh_minutes) VALUES"
                        + " (:owner, :calendar, :url, :refresh) RETURNING " + COLUMNS)
                .bind("owner", owner)
                .bind("calendar", calendarId)
                .bind("url", url)
                .bind("refresh", refreshMinutes)
                .map(SubscriptionDao::row)
                .one();
    }

    static Optional<Subscription> find(Handle h, UUID owner, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM feed_subscriptions WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .map(SubscriptionDao::row)
                .findOne();
    }

    static List<Subscription> list(Handle h, UUID owner) {
        return h.createQuery("SELECT " + COLUMNS + " FROM feed_subscriptions WHERE owner_id = :owner ORDER BY id")
                .bind("owner", owner)
                .map(SubscriptionDao::row)
                .list();
    }

    /** A new URL forgets the old one's validators, so that the next fetch is unconditional. */
    static void update(Handle h, UUID owner, long id, String url, int refreshMinutes) {
        h.createUpdate("UPDATE feed_subscriptions SET refresh_minutes = :refresh, etag = CASE WHEN url = :url THEN"
                        + " etag END, last_modified = CASE WHEN url = :url THEN last_modified END, url = :url,"
                        + " updated_at = now() WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .bind("url", url)
                .bind("refresh", refreshMinutes)
                .execute();
    }

    /** Records a successful fetch: validators of a 200 (a 304 keeps the old ones), no error. */
    static void succeeded(
            Handle h, UUID owner, long id, Instant at, boolean newValidators, String etag, String lastModified) {
        h.createUpdate("UPDATE feed_subscriptions SET last_sync_at = :at, last_success_at = :at, last_error = NULL,"
                        + " etag = CASE WHEN :fresh THEN :etag ELSE etag END, last_modified = CASE WHEN :fresh THEN"
                        + " :lastModified ELSE last_modified END, updated_at = now()"
                        + " WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .bind("at", utc(at))
                .bind("fresh", newValidators)
                .bind("etag", etag)
                .bind("lastModified", lastModified)
                .execute();
    }

    static void failed(Handle h, UUID owner, long id, Instant at, String error) {
        h.createUpdate("UPDATE feed_subscriptions SET last_sync_at = :at, last_error = :error, updated_at = now()"
                        + " WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .bind("at", utc(at))
                .bind("error", error)
                .execute();
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Subscription row(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Subscription(
                rs.getLong("id"),
                rs.getObject("owner_id", UUID.class),
                rs.getLong("calendar_id"),
                rs.getString("url"),
                rs.getInt("refresh_minutes"),
                rs.getString("etag"),
                rs.getString("last_modified"),
                instant(rs, "last_sync_at"),
                instant(rs, "last_success_at"),
                rs.getString("last_error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
