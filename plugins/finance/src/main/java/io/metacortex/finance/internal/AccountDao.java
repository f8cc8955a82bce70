package io.metacortex.finance.internal;

import java.math.BigDecimal;
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

/** SQL for one user's rows of {@code accounts}, on one handle; filtered by user as well as by row-level security. */
final class AccountDao {

    static final String COLUMNS = "id, name, currency, kind, source, external_id, plaid_item_id, current_balance,"
            + " available_balance, balance_as_of, created_at, updated_at";

    private final Handle handle;
    private final UUID user;

    AccountDao(Handle handle, UUID user) {
        this.handle = Objects.requireNonNull(handle);
        this.user = Objects.requireNonNull(user);
    }

    Optional<Account> find(long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE user_id = :user AND id = :id")
                .bind("user", user)
                .bind("id", id)
                .map(AccountDao::map)
                .findOne();
    }

    /** @return the account, locked for the rest of the transaction (imports into one account run one at a time) */
    Optional<Account> lock(long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE user_id = :user AND id = :id FOR UPDATE")
                .bind("user", user)
                .bind("id", id)
                .map(AccountDao::map)
                .findOne();
    }

    List<Account> list(long afterId, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE user_id = :user AND id > :after"
                        + " ORDER BY id LIMIT :limit")
                .bind("user", user)
                .bind("after", afterId)
                .bind("limit", limit)
                .map(AccountDao::map)
                .list();
    }

    Account insert(AccountDraft draft, Instant now) {
        return handle.createQuery("INSERT INTO accounts (user_id, name, currency, kind, source, current_balance,"
                        + " balance_as_of, created_at, updated_at)"
                        + " VALUES (:user, :name, :currency, :kind, 'manual', :balance, :asOf, :now, :now)"
                        + " RETURNING " + COLUMNS)
                .bind("user", user)
                .bind("name", draft.name())
                .bind("currency", draft.currency())
                .bind("kind", draft.kind())
                .bind("balance", draft.balance())
                .bind("asOf", draft.balance() == null ? null : now.atOffset(java.time.ZoneOffset.UTC))
                .bind("now", now.atOffset(java.time.ZoneOffset.UTC))
                .map(AccountDao::map)
                .one();
    }

    /** Finds or creates the account of {@code external}; an existing one keeps its name, kind and currency. */
    Account upsertExternal(ExternalAccount external) {
        return handle.createQuery("INSERT INTO accounts (user_id, name, currency, kind, source, external_id,"
                        + " plaid_item_id) VALUES (:user, :name, :currency, :kind, :source, :externalId, :item)"
                        + " ON CONFLICT (user_id, source, external_id) DO UPDATE"
                        + " SET plaid_item_id = coalesce(excluded.plaid_item_id, accounts.plaid_item_id)"
                        + " RETURNING " + COLUMNS)
                .bind("user", user)
                .bind("name", external.name())
                .bind("currency", external.currency())
                .bind("kind", external.kind())
                .bind("source", external.source())
                .bind("externalId", external.externalId())
                .bind("item", external.plaidItemId())
                .map(AccountDao::map)
                .one();
    }

    /** Changes name and kind, and sets the balance when {@code balance} is not null. */
    Optional<Account> update(long id, AccountDraft draft, Instant now) {
        return handle.createQuery("UPDATE accounts SET name = :name, kind = :kind,"
                        + " current_balance = coalesce(:balance, current_balance),"
                        + " balance_as_of = CASE WHEN :balance IS NULL THEN balance_as_of ELSE :now END,"
                        + " updated_at = :now WHERE user_id = :user AND id = :id RETURNING " + COLUMNS)
                .bind("user", user)
                .bind("id", id)
                .bind("name", draft.name())
                .bind("kind", draft.kind())
                .bind("balance", draft.balance())
                .bind("now", now.atOffset(java.time.ZoneOffset.UTC))
                .map(AccountDao::map)
                .findOne();
    }

    boolean delete(long id) {
        return handle.createUpdate("DELETE FROM accounts WHERE user_id = :user AND id = :id")
                        .bind("user", user)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    void setBalance(long id, Balance balance) {
        handle.createUpdate("UPDATE accounts SET current_balance = :current, available_balance = :available,"
                        + " balance_as_of = :asOf, updated_at = now() WHERE user_id = :user AND id = :id")
                .bind("user", user)
                .bind("id", id)
                .bind("current", balance.current())
                .bind("available", balance.available())
                .bind("asOf", balance.asOf().atOffset(java.time.ZoneOffset.UTC))
                .execute();
    }

    /** Moves a known balance by {@code delta} (the net of an import that reported no balance). */
    void moveBalance(long id, BigDecimal delta, Instant now) {
        handle.createUpdate("UPDATE accounts SET current_balance = current_balance + :delta,"
                        + " available_balance = available_balance + :delta, balance_as_of = :now, updated_at = :now"
                        + " WHERE user_id = :user AND id = :id AND current_balance IS NOT NULL")
                .bind("user", user)
                .bind("id", id)
                .bind("delta", delta)
                .bind("now", now.atOffset(java.time.ZoneOffset.UTC))
                .execute();
    }

    static Account map(ResultSet rs, StatementContext ctx) throws SQLException {
        String currency = rs.getString("currency");
        OffsetDateTime asOf = rs.getObject("balance_as_of", OffsetDateTime.class);
        return new Account(
                rs.getLong("id"),
                rs.getString("name"),
                currency,
                rs.getString("kind"),
                rs.getString("source"),
                rs.getString("external_id"),
                rs.getObject("plaid_item_id", UUID.class),
                Money.display(rs.getBigDecimal("current_balance"), currency),
                Money.display(rs.getBigDecimal("available_balance"), currency),
                asOf == null ? null : asOf.toInstant(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
