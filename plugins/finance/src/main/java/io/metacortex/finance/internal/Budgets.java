package io.metacortex.finance.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Budget arithmetic. A budget's month has {@code available = amount + carriedOver}; with rollover, {@code
 * carriedOver} is the remaining of the same category's and currency's budget of the month before (which may itself
 * have rolled over), or 0 when that month has no budget.
 */
final class Budgets {

    private record Row(
            long id,
            YearMonth month,
            long categoryId,
            String currency,
            BigDecimal amount,
            boolean rollover,
            java.time.Instant exceededSince) {}

    private record Key(long categoryId, String currency, YearMonth month) {}

    private Budgets() {}

    /** @return the statuses of the user's budgets of {@code month} */
    static List<BudgetStatus> ofMonth(Handle handle, UUID user, YearMonth month) {
        List<Row> wanted = rows(handle, user, "month = :month", month.atDay(1), null);
        return statuses(handle, user, wanted);
    }

    /** @return the status of one budget, if the user has it */
    static java.util.Optional<BudgetStatus> one(Handle handle, UUID user, long id) {
        List<Row> wanted = rows(handle, user, "id = :id", null, id);
        return wanted.isEmpty()
                ? java.util.Optional.empty()
                : statuses(handle, user, wanted).stream().findFirst();
    }

    /** @return the budgets in {@code currency} a change in these months may have moved: theirs and later ones */
    static List<BudgetStatus> affected(Handle handle, UUID user, String currency, Collection<YearMonth> months) {
        YearMonth first = months.stream().min(Comparator.naturalOrder()).orElseThrow();
        List<Row> wanted = handle.createQuery(
                        SELECT + " WHERE user_id = :user AND currency = :currency" + " AND month >= :first")
                .bind("user", user)
                .bind("currency", currency)
                .bind("first", first.atDay(1))
                .map((rs, ctx) -> row(rs))
                .list();
        return wanted.isEmpty() ? List.of() : statuses(handle, user, wanted);
    }

    private static final String SELECT =
            "SELECT id, month, category_id, currency, amount, rollover, exceeded_since FROM budgets";

    private static List<Row> rows(Handle handle, UUID user, String where, LocalDate month, Long id) {
        var query = handle.createQuery(SELECT + " WHERE user_id = :user AND " + where)
                .bind("user", user);
        if (month != null) {
            query.bind("month", month);
        }
        if (id != null) {
            query.bind("id", id);
        }
        return query.map((rs, ctx) -> row(rs)).list();
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime exceeded = rs.getObject("exceeded_since", OffsetDateTime.class);
        return new Row(
                rs.getLong("id"),
                YearMonth.from(rs.getObject("month", LocalDate.class)),
                rs.getLong("category_id"),
                rs.getString("currency"),
                rs.getBigDecimal("amount"),
                rs.getBoolean("rollover"),
                exceeded == null ? null : exceeded.toInstant());
    }

    /**
     * Computes the statuses of {@code wanted}: reads every budget of their categories and currencies up to the latest
     * wanted month (for the rollover chain) and the spending of those months, in two queries.
     */
    private static List<BudgetStatus> statuses(Handle handle, UUID user, List<Row> wanted) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        YearMonth last =
                wanted.stream().map(Row::month).max(Comparator.naturalOrder()).orElseThrow();
        List<Long> categories = wanted.stream().map(Row::categoryId).distinct().toList();
        List<Row> chain = handle.createQuery(SELECT + " WHERE user_id = :user AND category_id = ANY (:categories)"
                        + " AND month <= :last ORDER BY month")
                .bind("user", user)
                .bindArray("categories", Long.class, categories)
                .bind("last", last.atDay(1))
                .map((rs, ctx) -> row(rs))
                .list();
        YearMonth first =
                chain.stream().map(Row::month).min(Comparator.naturalOrder()).orElse(last);
        Map<Key, BigDecimal> spent = new HashMap<>();
        handle.createQuery("SELECT l.category_id, l.currency, date_trunc('month', l.booked_on)::date AS month,"
                        + " -sum(l.amount) AS spent FROM (" + SpendingLines.SQL + ") l"
                        + " WHERE l.category_id = ANY (:categories) GROUP BY 1, 2, 3")
                .bind("user", user)
                .bind("from", first.atDay(1))
                .bind("to", last.plusMonths(1).atDay(1))
                .bindArray("categories", Long.class, categories)
                .map((rs, ctx) -> Map.entry(
                        new Key(
                                rs.getLong("category_id"),
                                rs.getString("currency"),
                                YearMonth.from(rs.getObject("month", LocalDate.class))),
                        rs.getBigDecimal("spent")))
                .forEach(e -> spent.put(e.getKey(), e.getValue()));

        Map<Key, BudgetStatus> computed = new HashMap<>();
        for (Row row : chain) { // in month order: the month before is computed first
            Key key = new Key(row.categoryId(), row.currency(), row.month());
            BudgetStatus before = computed.get(
                    new Key(row.categoryId(), row.currency(), row.month().minusMonths(1)));
            BigDecimal carried = row.rollover() && before != null ? before.remaining() : BigDecimal.ZERO;
            BigDecimal available = row.amount().add(carried);
            BigDecimal out = spent.getOrDefault(key, BigDecimal.ZERO);
            String c = row.currency();
            computed.put(
                    key,
                    new BudgetStatus(
                            row.id(),
                            row.month(),
                            row.categoryId(),
                            c,
                            Money.display(row.amount(), c),
                            row.rollover(),
                            Money.display(carried, c),
                            Money.display(available, c),
                            Money.display(out, c),
                            Money.display(available.subtract(out), c),
                            row.exceededSince()));
        }
        List<BudgetStatus> result = new ArrayList<>();
        for (Row row : wanted) {
            result.add(computed.get(new Key(row.categoryId(), row.currency(), row.month())));
        }
        return result;
    }
}
