package io.metacortex.finance.internal.plaid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for {@code plaid_items} on one handle; callers decide the transactions. Every statement names the owner itself:
 * row-level security is the backstop. {@link #actAs} and {@link #findByPlaidItemId} set the settings the policies read
 * for work outside a user's request (the sync job, the webhook), for the current transaction only.
 */
final class PlaidItemDao {

    private static final String COLUMNS = "id, user_id, plaid_item_id, institution_id, institution_name, status,"
            + " error_code, error_message, sync_cursor, last_synced_at, skipped_unofficial, created_at";

    private final Handle handle;

    PlaidItemDao(Handle handle) {
        this.handle = Objects.requireNonNull(handle);
    }

    /** Makes {@code user} the user of the rest of the current transaction, as the host does for a request. */
    static void actAs(Handle handle, UUID user) {
        handle.createQuery("SELECT set_config('app.user_id', :user, true)")
                .bind("user", user.toString())
                .mapTo(String.class)
                .one();
    }

    void insert(PlaidItem item) {
        handle.createUpdate("""
                        INSERT INTO plaid_items (id, user_id, plaid_item_id, institution_id, institution_name, status,
                                                 error_code, error_message, created_at)
                        VALUES (:id, :user, :plaidItemId, :institutionId, :institutionName, :status, :errorCode,
                                :errorMessage, :createdAt)""")
                .bind("id", item.id())
                .bind("user", item.userId())
                .bind("plaidItemId", item.plaidItemId())
                .bind("institutionId", item.institutionId())
                .bind("institutionName", item.institutionName())
                .bind("status", item.status())
                .bind("errorCode", item.errorCode())
                .bind("errorMessage", item.errorMessage())
                .bind("createdAt", OffsetDateTime.ofInstant(item.createdAt(), java.time.ZoneOffset.UTC))
                .execute();
    }

    Optional<PlaidItem> find(UUID user, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM plaid_items WHERE user_id = :user AND id = :id")
                .bind("user", user)
                .bind("id", id)
                .map(PlaidItemDao::map)
                .findOne();
    }

    /** As {@link #find}, locking the row until the transaction ends (one sync applies at a time). */
    Optional<PlaidItem> findForUpdate(UUID user, UUID id) {
        return handle.createQuery(
                        "SELECT " + COLUMNS + " FROM plaid_items WHERE user_id = :user AND id = :id FOR UPDATE")
                .bind("user", user)
                .bind("id", id)
                .map(PlaidItemDao::map)
                .findOne();
    }

    List<PlaidItem> list(UUID user) {
        return handle.createQuery(
                        "SELECT " + COLUMNS + " FROM plaid_items WHERE user_id = :user ORDER BY created_at, id")
                .bind("user", user)
                .map(PlaidItemDao::map)
                .list();
    }

    /**
     * The item Plaid's webhook names, whoever owns it: sets {@code app.plaid_item_id} for the rest of the
     * transaction, which lets the policy show that one row.
     */
    Optional<PlaidItem> findByPlaidItemId(String plaidItemId) {
        handle.createQuery("SELECT set_config('app.plaid_item_id', :id, true)")
                .bind("id", plaidItemId)
                .mapTo(String.class)
                .one();
        return handle.createQuery("SELECT " + COLUMNS + " FROM plaid_items WHERE plaid_item_id = :id")
                .bind("id", plaidItemId)
                .map(PlaidItemDao::map)
                .findOne();
    }

    /**
     * Sets the status, with Plaid's error code and display message (null for none).
     *
     * @return whether the row changed
     */
    boolean setStatus(UUID user, UUID id, String status, String errorCode, String errorMessage) {
        return handle.createUpdate("""
                        UPDATE plaid_items SET status = :status, error_code = :errorCode, error_message = :errorMessage
                        WHERE user_id = :user AND id = :id
                          AND (status IS DISTINCT FROM :status OR error_code IS DISTINCT FROM :errorCode
                               OR error_message IS DISTINCT FROM :errorMessage)""")
                        .bind("user", user)
                        .bind("id", id)
                        .bind("status", status)
                        .bind("errorCode", errorCode)
                        .bind("errorMessage", errorMessage)
                        .execute()
                > 0;
    }

    /** Records a sync that was applied whole: its cursor, when, and what it left out. The item is active again. */
    void synced(UUID user, UUID id, String cursor, Instant at, int skippedUnofficial) {
        handle.createUpdate("""
                        UPDATE plaid_items SET sync_cursor = :cursor, last_synced_at = :at, status = 'active',
                                               error_code = NULL, error_message = NULL, skipped_unofficial = :skipped
                        WHERE user_id = :user AND id = :id""")
                .bind("user", user)
                .bind("id", id)
                .bind("cursor", cursor)
                .bind("at", OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC))
                .bind("skipped", skippedUnofficial)
                .execute();
    }

    boolean delete(UUID user, UUID id) {
        return handle.createUpdate("DELETE FROM plaid_items WHERE user_id = :user AND id = :id")
                        .bind("user", user)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    private static PlaidItem map(ResultSet rs, StatementContext ctx) throws SQLException {
        OffsetDateTime synced = rs.getObject("last_synced_at", OffsetDateTime.class);
        return new PlaidItem(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("plaid_item_id"),
                rs.getString("institution_id"),
                rs.getString("institution_name"),
                rs.getString("status"),
                rs.getString("error_code"),
                rs.getString("error_message"),
                rs.getString("sync_cursor"),
                synced == null ? null : synced.toInstant(),
                rs.getInt("skipped_unofficial"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
