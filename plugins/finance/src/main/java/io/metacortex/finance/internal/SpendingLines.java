package io.metacortex.finance.internal;

/**
 * The lines spending is counted from: each split of a split transaction, and each transaction without splits, with
 * the category of the line. Amounts keep the ledger's sign (negative = out), in the transaction's currency. Takes
 * {@code :user}, {@code :from} (inclusive) and {@code :to} (exclusive) dates.
 */
final class SpendingLines {

    static final String SQL = """
            SELECT t.currency, t.booked_on,
                   CASE WHEN s.id IS NULL THEN t.category_id ELSE s.category_id END AS category_id,
                   coalesce(s.amount, t.amount) AS amount
              FROM transactions t LEFT JOIN splits s ON s.transaction_id = t.id
             WHERE t.user_id = :user AND t.booked_on >= :from AND t.booked_on < :to
            """;

    private SpendingLines() {}
}
