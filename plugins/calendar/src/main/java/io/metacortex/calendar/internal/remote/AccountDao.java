package io.metacortex.calendar.internal.remote;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL of {@code caldav_accounts}, {@code caldav_links}, {@code caldav_objects} and {@code caldav_conflicts}. */
final class AccountDao {

    private static final String ACCOUNT_COLUMNS =
            "id, name, url, username, principal_url, home_url, last_sync_at, last_error, created_at";
    private static final String LINK_COLUMNS =
            "id, account_id, calendar_id, remote_url, remote_name, sync_token, ctag, local_change, created_at";

    private AccountDao() {}

    /** A link as the sync reads it. */
    record Link(
            long id,
            long accountId,
            long calendarId,
            String remoteUrl,
            String remoteName,
            String syncToken,
            String ctag,
            long localChange,
            Instant createdAt) {

        LinkView view() {
            return new LinkView(id, calendarId, remoteUrl, remoteName, syncToken != null, createdAt);
        }
    }

    /** What the last sync saw of one UID on both sides. */
    record Mapping(String uid, String href, String remoteEtag, String localEtag) {}

    static AccountView insertAccount(
            Handle h, UUID owner, String name, String url, String username, String principal, String home) {
        return h.createQuery("INSERT INTO caldav_accounts (owner_id, name, url, username, principal_url, home_url)"
                        + " VALUES (:owner, :name, :url, :username, :principal, :home) RETURNING " + ACCOUNT_COLUMNS)
                .bind("owner", owner)
                .bind("name", name)
                .bind("url", url)
                .bind("username", username)
                .bind("principal", principal)
                .bind("home", home)
                .map(AccountDao::account)
                .one();
    }

    static Optional<AccountView> findAccount(Handle h, UUID owner, long id) {
        return h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM caldav_accounts WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .map(AccountDao::account)
                .findOne();
    }

    static List<AccountView> listAccounts(Handle h, UUID owner) {
        return h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM caldav_accounts WHERE owner_id = :owner ORDER BY id")
                .bind("owner", owner)
                .map(AccountDao::account)
                .list();
    }

    static boolean deleteAccount(Handle h, UUID owner, long id) {
        return h.createUpdate("DELETE FROM caldav_accounts WHERE owner_id = :owner AND id = :id")
                        .bind("owner", owner)
                        .bind("id", id)
                        .execute()
                == 1;
    }

    static void synced(Handle h, UUID owner, long id, String error) {
        h.createUpdate("UPDATE caldav_accounts SET last_sync_at = now(), last_error = :error"
                        + " WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .bind("error", error)
                .execute();
    }

    static Link insertLink(Handle h, UUID owner, long accountId, long calendarId, String remoteUrl, String remoteName) {
        return h.createQuery("INSERT INTO caldav_links (owner_id, account_id, calendar_id, remote_url, remote_name)"
                        + " VALUES (:owner, :account, :calendar, :url, :name) RETURNING " + LINK_COLUMNS)
                .bind("owner", owner)
                .bind("account", accountId)
                .bind("calendar", calendarId)
                .bind("url", remoteUrl)
                .bind("name", remoteName)
                .map(AccountDao::link)
                .one();
    }

    static List<Link> links(Handle h, UUID owner, long accountId) {
        return h.createQuery("SELECT " + LINK_COLUMNS
                        + " FROM caldav_links WHERE owner_id = :owner AND account_id = :account ORDER BY id")
                .bind("owner", owner)
                .bind("account", accountId)
                .map(AccountDao::link)
                .list();
    }

    /** @return the link of the calendar, in any of the owner's accounts */
    static Optional<Link> linkOfCalendar(Handle h, UUID owner, long calendarId) {
        return h.createQuery(
                        "SELECT " + LINK_COLUMNS + " FROM caldav_links WHERE owner_id = :owner AND calendar_id = :cal")
                .bind("owner", owner)
                .bind("cal", calendarId)
                .map(AccountDao::link)
                .findOne();
    }

    static boolean deleteLink(Handle h, UUID owner, long accountId, long linkId) {
        return h.createUpdate("DELETE FROM caldav_links WHERE owner_id = :owner AND account_id = :account AND id = :id")
                        .bind("owner", owner)
                        .bind("account", accountId)
                        .bind("id", linkId)
                        .execute()
                == 1;
    }

    static void linkSynced(Handle h, UUID owner, long linkId, String syncToken, String ctag, long localChange) {
        h.createUpdate("UPDATE caldav_links SET sync_token = :token, ctag = :ctag, local_change = :change"
                        + " WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", linkId)
                .bind("token", syncToken)
                .bind("ctag", ctag)
                .bind("change", localChange)
                .execute();
    }

    static List<Mapping> mappings(Handle h, UUID owner, long linkId) {
        return h.createQuery("SELECT uid, href, remote_etag, local_etag FROM caldav_objects"
                        + " WHERE owner_id = :owner AND link_id = :link")
                .bind("owner", owner)
                .bind("link", linkId)
                .map((rs, ctx) -> new Mapping(
                        rs.getString("uid"),
                        rs.getString("href"),
                        rs.getString("remote_etag"),
                        rs.getString("local_etag")))
                .list();
    }

    static void putMapping(Handle h, UUID owner, long linkId, Mapping m) {
        // A UID that moved to another href on the remote takes the href over from any stale row.
        h.createUpdate("DELETE FROM caldav_objects WHERE owner_id = :owner AND link_id = :link AND href = :href"
                        + " AND uid <> :uid")
                .bind("owner", owner)
                .bind("link", linkId)
                .bind("href", m.href())
                .bind("uid", m.uid())
                .execute();
        h.createUpdate("INSERT INTO caldav_objects (owner_id, link_id, uid, href, remote_etag, local_etag) VALUES"
                        + " (:owner, :link, :uid, :href, :remote, :local) ON CONFLICT (link_id, uid) DO UPDATE SET"
                        + " href = excluded.href, remote_etag = excluded.remote_etag, local_etag = excluded.local_etag")
                .bind("owner", owner)
                .bind("link", linkId)
                .bind("uid", m.uid())
                .bind("href", m.href())
                .bind("remote", m.remoteEtag())
                .bind("local", m.localEtag())
                .execute();
    }

    static void deleteMapping(Handle h, UUID owner, long linkId, String uid) {
        h.createUpdate("DELETE FROM caldav_objects WHERE owner_id = :owner AND link_id = :link AND uid = :uid")
                .bind("owner", owner)
                .bind("link", linkId)
                .bind("uid", uid)
                .execute();
    }

    static void insertConflict(
            Handle h,
            UUID owner,
            long accountId,
            long calendarId,
            String uid,
            String winner,
            String reason,
            String losingIcs) {
        h.createUpdate("INSERT INTO caldav_conflicts (owner_id, account_id, calendar_id, uid, winner, reason,"
                        + " losing_ics) VALUES (:owner, :account, :calendar, :uid, :winner, :reason, :losing)")
                .bind("owner", owner)
                .bind("account", accountId)
                .bind("calendar", calendarId)
                .bind("uid", uid)
                .bind("winner", winner)
                .bind("reason", reason)
                .bind("losing", losingIcs)
                .execute();
    }

    static List<ConflictView> conflicts(Handle h, UUID owner, long accountId) {
        return h.createQuery("SELECT id, calendar_id, uid, occurred_at, winner, reason, losing_ics FROM"
                        + " caldav_conflicts WHERE owner_id = :owner AND account_id = :account ORDER BY id DESC"
                        + " LIMIT 200")
                .bind("owner", owner)
                .bind("account", accountId)
                .map((rs, ctx) -> new ConflictView(
                        rs.getLong("id"),
                        rs.getLong("calendar_id"),
                        rs.getString("uid"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getString("winner"),
                        rs.getString("reason"),
                        rs.getString("losing_ics")))
                .list();
    }

    /** Sets the owner on the transaction's connection, for work outside a request (jobs): row-level security. */
    static void actAs(Handle h, UUID owner) {
        h.execute("SELECT set_config('app.user_id', ?, true)", owner.toString());
    }

    private static AccountView account(ResultSet rs, StatementContext ctx) throws SQLException {
        OffsetDateTime lastSync = rs.getObject("last_sync_at", OffsetDateTime.class);
        return new AccountView(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("url"),
                rs.getString("username"),
                rs.getString("principal_url"),
                rs.getString("home_url"),
                lastSync == null ? null : lastSync.toInstant(),
                rs.getString("last_error"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                List.of());
    }

    private static Link link(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Link(
                rs.getLong("id"),
                rs.getLong("account_id"),
                rs.getLong("calendar_id"),
                rs.getString("remote_url"),
                rs.getString("remote_name"),
                rs.getString("sync_token"),
                rs.getString("ctag"),
                rs.getLong("local_change"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
