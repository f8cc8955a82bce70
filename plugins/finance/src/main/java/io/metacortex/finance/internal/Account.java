package io.metacortex.finance.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's account. Balances are strings in JSON ({@code "1234.50"}), in {@code currency}.
 *
 * @param kind checking, savings, credit, loan, investment, cash or other
 * @param source manual (created through the API), ofx, csv or plaid
 * @param externalId its id at the source (OFX ACCTID, Plaid account_id), null for manual accounts
 * @param plaidItemId the Plaid item it came from, or null
 * @param currentBalance null until a statement, Plaid or the user tells it
 * @param balanceAsOf when {@code currentBalance} was true
 */
public record Account(
        long id,
        String name,
        String currency,
        String kind,
        String source,
        String externalId,
        UUID plaidItemId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal currentBalance,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal availableBalance,
        Instant balanceAsOf,
        Instant createdAt,
        Instant updatedAt) {}
