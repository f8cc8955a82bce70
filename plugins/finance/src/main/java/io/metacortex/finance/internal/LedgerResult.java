package io.metacortex.finance.internal;

/**
 * What {@link Ledger#apply} did.
 *
 * @param added transactions new to the account
 * @param modified known transactions whose amount, date, texts or pending flag changed
 * @param unchanged known transactions imported again as they were
 * @param removed transactions deleted by external id
 */
public record LedgerResult(int added, int modified, int unchanged, int removed) {}
