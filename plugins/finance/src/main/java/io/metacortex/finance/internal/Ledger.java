package io.metacortex.finance.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The one write path of imported transactions (OFX, CSV and Plaid): upserts by (account, external id), so that a
 * re-import adds nothing; removes by external id; categorises new transactions by the user's rules; keeps the
 * account's balance; and publishes the alerts the changes cause ({@link Alerts}), all in the batch's transaction.
 * A batch is a few statements whatever its size (rows travel as arrays), so 10,000 transactions take well under a
 * second.
 *
 * <p>Modifying a transaction keeps its category, and drops its splits when its amount changed (they no longer add
 * up). Works outside a request too (a sync job): it sets {@code app.user_id} for its transaction to the user it
 * writes for, so row-level security holds.
 */
public final class Ledger {

    private static final String UPSERT = """
            WITH input AS (
                SELECT * FROM unnest(:externalIds::text[], :amounts::numeric[], :dates::date[],
                                     :descriptions::text[], :merchants::text[], :pending::boolean[],
                                     :categories::bigint[])
                    AS i (external_id, amount, booked_on, description, merchant, pending, category_id)
            ), old AS (
                SELECT t.external_id, t.amount, t.booked_on
                  FROM transactions t JOIN input i ON i.external_id = t.external_id
                 WHERE t.account_id = :account
            ), up AS (
                INSERT INTO transactions AS t (user_id, account_id, currency, external_id, amount, booked_on,
                                               description, merchant, pending, category_id)
                SELECT :user, :account, :currency, external_id, amount, booked_on, description, merchant, pending,
                       category_id
                  FROM input
                ON CONFLICT (account_id, external_id) DO UPDATE
                   SET amount = excluded.amount, booked_on = excluded.booked_on,
                       description = excluded.description, merchant = excluded.merchant,
                       pending = excluded.pending, updated_at = now()
                 WHERE (t.amount, t.booked_on, t.description, t.merchant, t.pending)
                       IS DISTINCT FROM
                       (excluded.amount, excluded.booked_on, excluded.description, excluded.merchant,
                        excluded.pending)
                RETURNING t.id, t.external_id, t.amount, t.booked_on, t.description, (t.xmax = 0) AS inserted
            )
            SELECT up.id, up.amount, up.booked_on, up.description, up.inserted,
                   old.amount AS old_amount, old.booked_on AS old_booked_on
              FROM up LEFT JOIN old ON old.external_id = up.external_id
            """;

    private final Jdbi jdbi;
    private final Alerts alerts;
    private final Clock clock;

    public Ledger(Jdbi jdbi, Alerts alerts, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.alerts = Objects.requireNonNull(alerts);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Applies {@code batch} to the user's account in a transaction of its own.
     *
     * @throws io.metacortex.plugin.support.ApiException 404 when the user has no such account
     */
    public LedgerResult apply(UUID user, long accountId, LedgerBatch batch) {
        return jdbi.inTransaction(handle -> apply(handle, user, accountId, batch));
    }

    /**
     * Applies {@code batch} in the transaction of {@code handle} (e.g. with the sync cursor that goes with it).
     *
     * @param handle a handle of the plugin's Jdbi, in a transaction
     * @throws io.metacortex.plugin.support.ApiException 404 when the user has no such account
     * @throws IllegalStateException when the handle is not in a transaction, or acts for another user
     */
    public LedgerResult apply(Handle handle, UUID user, long accountId, LedgerBatch batch) {
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("The ledger writes a batch in one transaction: begin one first");
        }
        actAs(handle, user);
        AccountDao accounts = new AccountDao(handle, user);
        Account account = accounts.lock(accountId).orElseThrow(() -> FinanceErrors.accountNotFound(accountId));

        List<ImportedTransaction> upserts = lastPerExternalId(batch.upserts());
        Categorizer rules = upserts.isEmpty() ? Categorizer.NONE : new Categorizer(new RuleDao(handle, user).all());
        List<Stored> stored = upsert(handle, user, account, upserts, rules);
        List<Removed> removed = remove(handle, accountId, batch.removedExternalIds());

        BigDecimal delta = BigDecimal.ZERO;
        Set<YearMonth> months = new HashSet<>();
        List<Stored> added = new ArrayList<>();
        List<Long> amountChanged = new ArrayList<>();
        for (Stored row : stored) {
            months.add(YearMonth.from(row.bookedOn()));
            if (row.inserted()) {
                added.add(row);
                delta = delta.add(row.amount());
            } else {
                months.add(YearMonth.from(row.oldBookedOn()));
                delta = delta.add(row.amount().subtract(row.oldAmount()));
                if (row.amount().compareTo(row.oldAmount()) != 0) {
                    amountChanged.add(row.id());
                }
            }
        }
        for (Removed row : removed) {
            months.add(YearMonth.from(row.bookedOn()));
            delta = delta.subtract(row.amount());
        }
        if (!amountChanged.isEmpty()) {
            handle.createUpdate("DELETE FROM splits WHERE transaction_id = ANY (:ids)")
                    .bindArray("ids", Long.class, amountChanged)
                    .execute();
        }
        if (batch.balance() != null) {
            accounts.setBalance(accountId, batch.balance());
        } else if (delta.signum() != 0 && account.currentBalance() != null) {
            accounts.moveBalance(accountId, delta, clock.instant());
        }

        alerts.largeTransactions(handle, user, account, added);
        alerts.balance(handle, user, accountId);
        alerts.budgets(handle, user, account.currency(), months);
        int added_ = added.size();
        int modified = stored.size() - added_;
        return new LedgerResult(added_, modified, upserts.size() - stored.size(), removed.size());
    }

    /**
     * Finds the user's account of {@code external} by (source, external id), creating it when new (an existing one
     * keeps the name, kind and currency it has; a Plaid item id given replaces the stored one).
     */
    public Account account(UUID user, ExternalAccount external) {
        return jdbi.inTransaction(handle -> account(handle, user, external));
    }

    /** {@link #account(UUID, ExternalAccount)} in the transaction of {@code handle}. */
    public Account account(Handle handle, UUID user, ExternalAccount external) {
        actAs(handle, user);
        return new AccountDao(handle, user).upsertExternal(external);
    }

    /** The host's row-level security user for this transaction: the one the ledger writes for. */
    static void actAs(Handle handle, UUID user) {
        String current = handle.createQuery("SELECT coalesce(current_setting('app.user_id', true), '')")
                .mapTo(String.class)
                .one();
        if (!current.isEmpty() && !current.equals(user.toString())) {
            throw new IllegalStateException("A request of one user cannot write another user's ledger");
        }
        if (current.isEmpty()) {
            handle.execute("SELECT set_config('app.user_id', ?, true)", user.toString());
        }
    }

    /** A transaction the upsert inserted or changed. */
    record Stored(
            long id,
            BigDecimal amount,
            LocalDate bookedOn,
            String description,
            boolean inserted,
            BigDecimal oldAmount,
            LocalDate oldBookedOn) {}

    private record Removed(BigDecimal amount, LocalDate bookedOn) {}

    private static List<ImportedTransaction> lastPerExternalId(List<ImportedTransaction> upserts) {
        Map<String, ImportedTransaction> last = new LinkedHashMap<>();
        for (ImportedTransaction t : upserts) {
            last.remove(t.externalId());
            last.put(t.externalId(), t);
        }
        return List.copyOf(last.values());
    }

    private static List<Stored> upsert(
            Handle handle, UUID user, Account account, List<ImportedTransaction> rows, Categorizer rules) {
        if (rows.isEmpty()) {
            return List.of();
        }
        int n = rows.size();
        List<String> ids = new ArrayList<>(n);
        List<String> amounts = new ArrayList<>(n);
        List<String> dates = new ArrayList<>(n);
        List<String> descriptions = new ArrayList<>(n);
        List<String> merchants = new ArrayList<>(n);
        List<String> pending = new ArrayList<>(n);
        List<String> categories = new ArrayList<>(n);
        for (ImportedTransaction t : rows) {
            ids.add(t.externalId());
            amounts.add(t.amount().toPlainString());
            dates.add(t.bookedOn().toString());
            descriptions.add(t.description());
            merchants.add(t.merchant());
            pending.add(Boolean.toString(t.pending()));
            Long category = rules.categoryFor(t.merchant(), t.description());
            categories.add(category == null ? null : category.toString());
        }
        return handle.createQuery(UPSERT)
                .bind("user", user)
                .bind("account", account.id())
                .bind("currency", account.currency())
                .bindArray("externalIds", String.class, ids)
                .bindArray("amounts", String.class, amounts)
                .bindArray("dates", String.class, dates)
                .bindArray("descriptions", String.class, descriptions)
                .bindArray("merchants", String.class, merchants)
                .bindArray("pending", String.class, pending)
                .bindArray("categories", String.class, categories)
                .map((rs, ctx) -> new Stored(
                        rs.getLong("id"),
                        rs.getBigDecimal("amount"),
                        rs.getObject("booked_on", LocalDate.class),
                        rs.getString("description"),
                        rs.getBoolean("inserted"),
                        rs.getBigDecimal("old_amount"),
                        rs.getObject("old_booked_on", LocalDate.class)))
                .list();
    }

    private static List<Removed> remove(Handle handle, long accountId, List<String> externalIds) {
        if (externalIds.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("DELETE FROM transactions WHERE account_id = :account"
                        + " AND external_id = ANY (:ids) RETURNING amount, booked_on")
                .bind("account", accountId)
                .bindArray("ids", String.class, externalIds)
                .map((rs, ctx) -> new Removed(rs.getBigDecimal("amount"), rs.getObject("booked_on", LocalDate.class)))
                .list();
    }
}
