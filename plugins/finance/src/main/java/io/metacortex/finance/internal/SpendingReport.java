package io.metacortex.finance.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/finance/reports/spending?from=&to=&groupBy=category|month}: the user's money in and out between two
 * days (inclusive), grouped by category (splits by their own) or by month, <b>per currency</b>: amounts in different
 * currencies are never added up, so the report is a list of currencies, each with its groups and totals.
 */
public final class SpendingReport {

    /** The report. */
    public record Report(LocalDate from, LocalDate to, String groupBy, List<CurrencyReport> currencies) {}

    /** One currency's groups, and their totals. */
    public record CurrencyReport(String currency, List<Group> groups, Totals totals) {}

    /**
     * One group: {@code categoryId} (null: uncategorised) when grouped by category, {@code month} ({@code
     * YYYY-MM}) when grouped by month.
     *
     * @param spent money out, as a positive amount
     * @param received money in
     * @param net {@code received - spent}
     * @param count lines counted (a split transaction counts once per part)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(
            Long categoryId,
            String month,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal spent,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal received,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal net,
            long count) {}

    /** A currency's totals over its groups. */
    public record Totals(
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal spent,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal received,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal net) {}

    private final Jdbi jdbi;

    public SpendingReport(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi);
    }

    /** @throws ApiException 400 naming {@code from}, {@code to} or {@code groupBy} */
    Report spending(UUID user, String from, String to, String groupBy) {
        FieldErrors errors = new FieldErrors();
        LocalDate fromDay = TransactionQuery.date(from, "from", errors);
        LocalDate toDay = TransactionQuery.date(to, "to", errors);
        if (from == null || from.isBlank()) {
            errors.add("from", "is required, a date as YYYY-MM-DD");
        }
        if (to == null || to.isBlank()) {
            errors.add("to", "is required, a date as YYYY-MM-DD");
        }
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            errors.add("to", "must not be before from");
        }
        String by = groupBy == null || groupBy.isBlank() ? "category" : groupBy.strip();
        if (!by.equals("category") && !by.equals("month")) {
            errors.add("groupBy", "must be category or month");
        }
        errors.throwIfAny(ApiException::invalidQuery);

        // Planned for this call's values (see SpendingSums): a plan made once for any user and range (what
        // PostgreSQL switches to after five executions of a prepared statement) guesses a few dozen lines, and sorts
        // the real 100,000 on disk.
        Map<String, List<Group>> byCurrency = new LinkedHashMap<>();
        jdbi.useTransaction(h -> {
            h.execute(SpendingSums.CUSTOM_PLANS);
            h.createQuery(by.equals("category") ? SpendingSums.BY_CATEGORY : SpendingSums.BY_MONTH)
                    .bind("user", user)
                    .bind("from", fromDay)
                    .bind("to", toDay.plusDays(1))
                    .map((rs, ctx) -> {
                        String currency = rs.getString("currency");
                        String k = rs.getString("key"); // a category id, or the month's first instant
                        if (k != null && by.equals("month")) {
                            k = k.substring(0, 7); // 2026-11-01 00:00:00 -> 2026-11
                        }
                        BigDecimal spent = Money.display(rs.getBigDecimal("spent"), currency);
                        BigDecimal received = Money.display(rs.getBigDecimal("received"), currency);
                        Group group = new Group(
                                by.equals("category") && k != null ? Long.valueOf(k) : null,
                                by.equals("month") ? k : null,
                                spent,
                                received,
                                received.subtract(spent),
                                rs.getLong("count"));
                        return Map.entry(currency, group);
                    })
                    .forEach(e -> byCurrency
                            .computeIfAbsent(e.getKey(), c -> new ArrayList<>())
                            .add(e.getValue()));
        });

        List<CurrencyReport> currencies = new ArrayList<>();
        byCurrency.forEach((currency, groups) -> {
            BigDecimal spent = groups.stream().map(Group::spent).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal received = groups.stream().map(Group::received).reduce(BigDecimal.ZERO, BigDecimal::add);
            currencies.add(new CurrencyReport(
                    currency,
                    groups,
                    new Totals(
                            Money.display(spent, currency),
                            Money.display(received, currency),
                            Money.display(received.subtract(spent), currency))));
        });
        return new Report(fromDay, toDay, by, currencies);
    }
}
