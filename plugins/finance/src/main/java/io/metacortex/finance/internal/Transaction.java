package io.metacortex.finance.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A transaction of one of the user's accounts. {@code amount} is a decimal string in the account's {@code currency};
 * negative = money leaving the account.
 *
 * @param externalId its id at the source (FITID, CSV row hash, Plaid transaction_id)
 * @param categoryId its category, or null; when it has splits, each split's category counts instead
 * @param splits the parts it is split into (adding up exactly to {@code amount}), or empty
 */
public record Transaction(
        long id,
        long accountId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String currency,
        LocalDate bookedOn,
        String description,
        String merchant,
        boolean pending,
        String externalId,
        Long categoryId,
        List<Split> splits,
        Instant createdAt,
        Instant updatedAt) {

    /** One part of a split transaction, in the transaction's currency. */
    public record Split(
            Long categoryId,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            String memo) {}

    Transaction withSplits(List<Split> parts) {
        return new Transaction(
                id,
                accountId,
                amount,
                currency,
                bookedOn,
                description,
                merchant,
                pending,
                externalId,
                categoryId,
                List.copyOf(parts),
                createdAt,
                updatedAt);
    }
}
