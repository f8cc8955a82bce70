package io.metacortex.finance.internal;

import java.util.List;
import java.util.Objects;

/**
 * What one import or sync changes in one account, applied by {@link Ledger#apply} in one database transaction.
 *
 * @param upserts transactions added or modified at the source, matched by external id (re-imports create nothing
 *     new); when an external id appears more than once, the last one counts
 * @param removedExternalIds external ids of transactions the source removed (unknown ones are ignored)
 * @param balance the balance the source reports after these changes, or null: then a balance the account has moves by
 *     the net of the changes
 */
public record LedgerBatch(List<ImportedTransaction> upserts, List<String> removedExternalIds, Balance balance) {

    public LedgerBatch {
        upserts = List.copyOf(Objects.requireNonNull(upserts, "upserts"));
        removedExternalIds = List.copyOf(Objects.requireNonNull(removedExternalIds, "removedExternalIds"));
    }

    /** Transactions to add or update, nothing removed, no balance. */
    public static LedgerBatch of(List<ImportedTransaction> upserts) {
        return new LedgerBatch(upserts, List.of(), null);
    }

    /** @return the same batch, with the balance the source reported */
    public LedgerBatch withBalance(Balance reported) {
        return new LedgerBatch(upserts, removedExternalIds, reported);
    }

    /** @return the same batch, also removing these external ids */
    public LedgerBatch withRemoved(List<String> externalIds) {
        return new LedgerBatch(upserts, externalIds, balance);
    }
}
