package io.metacortex.finance.internal;

import io.metacortex.plugin.api.events.Events;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The alerts, published as durable events in the transaction that causes them (so never for a change rolled back):
 *
 * <ul>
 *   <li>{@value #LARGE_TRANSACTION}: a new transaction whose absolute amount is at least the user's threshold for its
 *       currency ({@link LargeTransaction});
 *   <li>{@value #LOW_BALANCE}: an account's balance fell below the user's threshold for it ({@link LowBalance}); once
 *       per crossing: again only after the balance was back at or above the threshold;
 *   <li>{@value #BUDGET_EXCEEDED}: a month's spending in a category went over its budget ({@link BudgetExceeded});
 *       once per crossing.
 * </ul>
 *
 * Amounts in payloads are decimal strings, as in the API.
 */
public final class Alerts {

    public static final String LARGE_TRANSACTION = "finance.transaction.large";
    public static final String LOW_BALANCE = "finance.balance.low";
    public static final String BUDGET_EXCEEDED = "finance.budget.exceeded";

    /** The payload of {@value #LARGE_TRANSACTION}. */
    public record LargeTransaction(
            UUID userId,
            long accountId,
            long transactionId,
            String amount,
            String currency,
            String threshold,
            LocalDate bookedOn,
            String description) {}

    /** The payload of {@value #LOW_BALANCE}. */
    public record LowBalance(
            UUID userId, long accountId, String balance, String currency, String threshold, Instant asOf) {}

    /**
     * The payload of {@value #BUDGET_EXCEEDED}.
     *
     * @param month e.g. {@code 2026-11}
     * @param available the month's budget plus what rolled over into it
     */
    public record BudgetExceeded(
            UUID userId,
            long budgetId,
            long categoryId,
            String month,
            String currency,
            String available,
            String spent) {}

    private final Events events;

    public Alerts(Events events) {
        this.events = Objects.requireNonNull(events);
    }

    void largeTransactions(Handle handle, UUID user, Account account, List<Ledger.Stored> added) {
        if (added.isEmpty()) {
            return;
        }
        Optional<BigDecimal> threshold = handle.createQuery("SELECT amount FROM alert_thresholds"
                        + " WHERE user_id = :user AND kind = 'large_transaction' AND currency = :currency")
                .bind("user", user)
                .bind("currency", account.currency())
                .mapTo(BigDecimal.class)
                .findOne();
        if (threshold.isEmpty()) {
            return;
        }
        for (Ledger.Stored t : added) {
            if (t.amount().abs().compareTo(threshold.get()) >= 0) {
                events.publish(
                        handle,
                        LARGE_TRANSACTION,
                        new LargeTransaction(
                                user,
                                account.id(),
                                t.id(),
                                Money.format(Money.display(t.amount(), account.currency())),
                                account.currency(),
                                Money.format(Money.display(threshold.get(), account.currency())),
                                t.bookedOn(),
                                t.description()));
            }
        }
    }

    /** Publishes {@value #LOW_BALANCE} when the account's balance is newly below its threshold; re-arms above. */
    void balance(Handle handle, UUID user, long accountId) {
        record State(
                long id, BigDecimal threshold, boolean triggered, BigDecimal balance, String currency, Instant asOf) {}
        Optional<State> state = handle.createQuery("SELECT th.id, th.amount, th.triggered_at IS NOT NULL AS triggered,"
                        + " a.current_balance, a.currency, a.balance_as_of FROM alert_thresholds th"
                        + " JOIN accounts a ON a.id = th.account_id WHERE th.user_id = :user"
                        + " AND th.kind = 'low_balance' AND th.account_id = :account AND a.current_balance IS NOT NULL")
                .bind("user", user)
                .bind("account", accountId)
                .map((rs, ctx) -> new State(
                        rs.getLong("id"),
                        rs.getBigDecimal("amount"),
                        rs.getBoolean("triggered"),
                        rs.getBigDecimal("current_balance"),
                        rs.getString("currency"),
                        rs.getObject("balance_as_of", java.time.OffsetDateTime.class)
                                .toInstant()))
                .findOne();
        if (state.isEmpty()) {
            return;
        }
        State s = state.get();
        boolean below = s.balance().compareTo(s.threshold()) < 0;
        if (below && !s.triggered()) {
            handle.execute("UPDATE alert_thresholds SET triggered_at = now() WHERE id = ?", s.id());
            events.publish(
                    handle,
                    LOW_BALANCE,
                    new LowBalance(
                            user,
                            accountId,
                            Money.format(Money.display(s.balance(), s.currency())),
                            s.currency(),
                            Money.format(Money.display(s.threshold(), s.currency())),
                            s.asOf()));
        } else if (!below && s.triggered()) {
            handle.execute("UPDATE alert_thresholds SET triggered_at = NULL WHERE id = ?", s.id());
        }
    }

    /** Publishes {@value #BUDGET_EXCEEDED} for each budget of these months newly over; re-arms those back under. */
    void budgets(Handle handle, UUID user, String currency, Set<YearMonth> months) {
        if (months.isEmpty()) {
            return;
        }
        for (BudgetStatus b : Budgets.affected(handle, user, currency, months)) {
            boolean over = b.remaining().signum() < 0;
            if (over && b.exceededSince() == null) {
                handle.execute("UPDATE budgets SET exceeded_since = now() WHERE id = ?", b.id());
                events.publish(
                        handle,
                        BUDGET_EXCEEDED,
                        new BudgetExceeded(
                                user,
                                b.id(),
                                b.categoryId(),
                                b.month().toString(),
                                b.currency(),
                                Money.format(b.available()),
                                Money.format(b.spent())));
            } else if (!over && b.exceededSince() != null) {
                handle.execute("UPDATE budgets SET exceeded_since = NULL WHERE id = ?", b.id());
            }
        }
    }
}
