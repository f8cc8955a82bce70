package io.metacortex.finance.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One transaction as a statement (OFX, CSV) or Plaid reports it, on its way into the {@link Ledger}.
 *
 * @param externalId its id at the source, unique within the account: OFX FITID, the CSV row hash, Plaid
 *     transaction_id (1..200 characters)
 * @param amount in the account's currency; negative = money leaving the account (negate Plaid's amounts)
 * @param bookedOn the day it was booked (posted), or authorised when pending
 * @param description the statement text, cut to 1,000 characters; null means empty
 * @param merchant the counterparty's name when the source tells it apart, cut to 200 characters; blank means none
 * @param pending whether it is not yet booked
 */
public record ImportedTransaction(
        String externalId,
        BigDecimal amount,
        LocalDate bookedOn,
        String description,
        String merchant,
        boolean pending) {

    static final int MAX_EXTERNAL_ID = 200;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_MERCHANT = 200;

    public ImportedTransaction {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(bookedOn, "bookedOn");
        if (externalId.isEmpty() || externalId.length() > MAX_EXTERNAL_ID) {
            throw new IllegalArgumentException("The external id must have 1 to 200 characters: " + externalId);
        }
        if (!Money.fits(amount)) {
            throw new IllegalArgumentException("The amount of transaction " + externalId + " (" + amount
                    + ") has more than 4 decimal places or 15 integer digits");
        }
        description = cut(description == null ? "" : description.strip(), MAX_DESCRIPTION);
        merchant = merchant == null || merchant.isBlank() ? null : cut(merchant.strip(), MAX_MERCHANT);
    }

    /** A booked (not pending) transaction. */
    public static ImportedTransaction booked(
            String externalId, BigDecimal amount, LocalDate bookedOn, String description, String merchant) {
        return new ImportedTransaction(externalId, amount, bookedOn, description, merchant, false);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
