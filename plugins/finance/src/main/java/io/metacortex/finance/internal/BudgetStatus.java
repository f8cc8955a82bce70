package io.metacortex.finance.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/**
 * A budget with what was spent against it. Amounts are decimal strings in JSON.
 *
 * @param month e.g. {@code "2026-11"}
 * @param amount the budget set for the month
 * @param carriedOver with rollover, the previous month's remaining (negative when it was overspent); else 0
 * @param available {@code amount + carriedOver}
 * @param spent the month's net outflow in the category and currency (refunds lower it), splits counted by their
 *     categories
 * @param remaining {@code available - spent}; negative when the budget is exceeded
 */
public record BudgetStatus(
        long id,
        YearMonth month,
        long categoryId,
        String currency,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        boolean rollover,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal carriedOver,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal available,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal spent,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal remaining,
        @JsonIgnore Instant exceededSince) {}
