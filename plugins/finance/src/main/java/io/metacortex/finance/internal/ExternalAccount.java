package io.metacortex.finance.internal;

import java.util.Objects;
import java.util.UUID;

/**
 * An account as a statement or Plaid describes it, for {@link Ledger#account}: found again by (source, externalId).
 *
 * @param source ofx, csv or plaid
 * @param externalId its id at the source (OFX ACCTID, Plaid account_id)
 * @param name the name to give it when it is new (the user may rename it later)
 * @param currency ISO 4217 code
 * @param kind checking, savings, credit, loan, investment, cash or other
 * @param plaidItemId the Plaid item, or null
 */
public record ExternalAccount(
        String source, String externalId, String name, String currency, String kind, UUID plaidItemId) {

    public ExternalAccount {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (!AccountRequests.SOURCES.contains(source) || "manual".equals(source)) {
            throw new IllegalArgumentException("Not a source of external accounts: " + source);
        }
        if (!AccountRequests.KINDS.contains(kind)) {
            throw new IllegalArgumentException("Not an account kind: " + kind);
        }
        if (currency == null || !Money.isIso4217(currency)) {
            throw new IllegalArgumentException("Not an ISO 4217 currency code: " + currency);
        }
    }
}
