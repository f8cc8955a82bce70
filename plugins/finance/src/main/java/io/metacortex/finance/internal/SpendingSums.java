package io.metacortex.finance.internal;

/**
 * The spending report's statement: the lines of {@link SpendingLines} (each split, and each transaction without
 * splits) summed per currency and group key. Takes {@code :user}, {@code :from} (inclusive) and {@code :to}
 * (exclusive) dates; returns {@code currency}, {@code key} (a category id, or the month's first day), {@code spent},
 * {@code received} and {@code count} ordered by currency and key (uncategorised last).
 *
 * <p>By category, summed in two steps so that no step groups the user's 100,000 lines by an expression that hides
 * how few groups there are (bench/README.md, "Finance"; {@code SpendingPlanTest}): the first groups the lines by plain
 * columns, whose statistics tell the planner that they make a few groups, so it hashes them in memory; the second turns
 * the few dozen sums into the report's keys. Grouped directly by {@code CASE WHEN s.id IS NULL THEN t.category_id ELSE
 * s.category_id END} the planner guessed 52,000 groups from the split's id in it and sorted the 100,000 lines on disk
 * (EXPLAIN ANALYZE minimum 116 ms, now 79 ms).
 */
final class SpendingSums {

    /** Makes PostgreSQL plan the statement for the values of this call (in the report's transaction). */
    static final String CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan";

    /** A line's amount: the split's, or the transaction's when it has no splits. */
    private static final String AMOUNT = "coalesce(s.amount, t.amount)";

    private static final String LINE_SUMS = "sum(-" + AMOUNT + ") FILTER (WHERE " + AMOUNT + " < 0) AS spent, sum("
            + AMOUNT + ") FILTER (WHERE " + AMOUNT + " > 0) AS received, count(*) AS count";

    private static final String RANGE = " WHERE t.user_id = :user AND t.booked_on >= :from AND t.booked_on < :to";

    private static final String TOTALS =
            " coalesce(sum(l.spent), 0) AS spent, coalesce(sum(l.received), 0) AS received, sum(l.count) AS count";

    /**
     * By category. {@code s.split} (true on every split) tells a transaction without splits from a split without a
     * category; as a constant it adds nothing to the planner's estimate of the groups, where {@code s.id} would.
     */
    static final String BY_CATEGORY = "SELECT l.currency,"
            + " CASE WHEN l.split THEN l.split_category_id ELSE l.category_id END AS key," + TOTALS
            + " FROM (SELECT t.currency, t.category_id, s.category_id AS split_category_id, s.split, " + LINE_SUMS
            + " FROM transactions t LEFT JOIN (SELECT transaction_id, category_id, amount, true AS split FROM splits) s"
            + " ON s.transaction_id = t.id" + RANGE + " GROUP BY 1, 2, 3, 4) l"
            + " GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST";

    /**
     * By month, in one step: the planner estimates the months well and hashes the lines (summed per day first, then per
     * month, took as long: 90 against 83 ms).
     */
    static final String BY_MONTH = "SELECT l.currency, date_trunc('month', l.booked_on) AS key,"
            + " coalesce(sum(-l.amount) FILTER (WHERE l.amount < 0), 0) AS spent,"
            + " coalesce(sum(l.amount) FILTER (WHERE l.amount > 0), 0) AS received,"
            + " count(*) AS count FROM (" + SpendingLines.SQL + ") l GROUP BY 1, 2 ORDER BY 1, 2";

    private SpendingSums() {}
}
