package io.metacortex.finance.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * Budgets per month, category and currency, each shown with its spending ({@link BudgetStatus}). Setting or changing
 * one checks it against the spending at once: a budget set below what was already spent publishes {@link
 * Alerts#BUDGET_EXCEEDED}.
 */
public final class BudgetService {

    /**
     * The body of {@code POST /api/finance/budgets}; a {@code PATCH} takes {@code amount} and {@code rollover} only.
     *
     * @param month {@code YYYY-MM}
     * @param amount a decimal string, at least 0
     */
    public record BudgetRequest(String month, Long categoryId, String currency, String amount, Boolean rollover) {}

    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final Alerts alerts;

    public BudgetService(Jdbi jdbi, Alerts alerts) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.alerts = Objects.requireNonNull(alerts);
    }

    List<BudgetStatus> ofMonth(UUID user, String month) {
        FieldErrors errors = new FieldErrors();
        YearMonth parsed = month(month, "month", errors);
        errors.throwIfAny(ApiException::invalidQuery);
        return jdbi.withHandle(h -> Budgets.ofMonth(h, user, parsed));
    }

    BudgetStatus find(UUID user, long id) {
        return jdbi.withHandle(h -> Budgets.one(h, user, id)).orElseThrow(() -> FinanceErrors.budgetNotFound(id));
    }

    BudgetStatus create(UUID user, BudgetRequest request) {
        if (request == null) {
            throw ApiException.missingBody("the budget's month, categoryId, currency and amount");
        }
        FieldErrors errors = new FieldErrors();
        YearMonth month = month(request.month(), "month", errors);
        String currency = Money.currency(request.currency(), "currency", errors).orElse(null);
        BigDecimal amount = amount(request.amount(), errors);
        if (request.categoryId() == null) {
            errors.add("categoryId", "must be the id of one of your categories");
        }
        errors.throwIfAny(ApiException::invalidBody);
        try {
            return jdbi.inTransaction(h -> {
                if (!new CategoryDao(h, user).visible(request.categoryId())) {
                    throw ApiException.invalidBody(Map.of("categoryId", "must be the id of one of your categories"));
                }
                long id = h.createQuery("INSERT INTO budgets (user_id, month, category_id, currency, amount, rollover)"
                                + " VALUES (:user, :month, :category, :currency, :amount, :rollover) RETURNING id")
                        .bind("user", user)
                        .bind("month", month.atDay(1))
                        .bind("category", request.categoryId())
                        .bind("currency", currency)
                        .bind("amount", amount)
                        .bind("rollover", Boolean.TRUE.equals(request.rollover()))
                        .mapTo(Long.class)
                        .one();
                return checked(h, user, currency, month, id);
            });
        } catch (StatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw FinanceErrors.conflict(
                        "budget exists", "month", "you have a budget for this month, category and currency");
            }
            throw e;
        }
    }

    BudgetStatus update(UUID user, long id, BudgetRequest request) {
        if (request == null) {
            throw ApiException.missingBody("amount and/or rollover");
        }
        FieldErrors errors = new FieldErrors();
        BigDecimal amount = request.amount() == null ? null : amount(request.amount(), errors);
        if (request.month() != null || request.categoryId() != null || request.currency() != null) {
            errors.add("month", "month, categoryId and currency cannot change: create another budget");
        }
        errors.throwIfAny(ApiException::invalidBody);
        return jdbi.inTransaction(h -> {
            BudgetStatus current = Budgets.one(h, user, id).orElseThrow(() -> FinanceErrors.budgetNotFound(id));
            h.createUpdate("UPDATE budgets SET amount = coalesce(:amount, amount),"
                            + " rollover = coalesce(:rollover, rollover), updated_at = now()"
                            + " WHERE user_id = :user AND id = :id")
                    .bind("user", user)
                    .bind("id", id)
                    .bind("amount", amount)
                    .bind("rollover", request.rollover())
                    .execute();
            return checked(h, user, current.currency(), current.month(), id);
        });
    }

    void delete(UUID user, long id) {
        int deleted = jdbi.inTransaction(h -> h.createUpdate("DELETE FROM budgets WHERE user_id = :user AND id = :id")
                .bind("user", user)
                .bind("id", id)
                .execute());
        if (deleted == 0) {
            throw FinanceErrors.budgetNotFound(id);
        }
    }

    private BudgetStatus checked(Handle h, UUID user, String currency, YearMonth month, long id) {
        alerts.budgets(h, user, currency, Set.of(month));
        return Budgets.one(h, user, id).orElseThrow();
    }

    private static BigDecimal amount(String value, FieldErrors errors) {
        BigDecimal amount = Money.parse(value, "amount", errors).orElse(null);
        if (amount != null && amount.signum() < 0) {
            errors.add("amount", "must not be negative");
        }
        return amount;
    }

    static YearMonth month(String value, String field, FieldErrors errors) {
        try {
            return YearMonth.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a month as YYYY-MM");
            return null;
        }
    }
}
