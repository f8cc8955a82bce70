package io.metacortex.finance.internal;

import java.time.Instant;

/**
 * A categorisation rule: when {@code field} of a transaction contains {@code pattern} (ignoring case), or the
 * bounded regular expression {@code pattern} is found in it, the transaction gets {@code categoryId}.
 *
 * @param field {@code merchant} or {@code description}
 * @param match {@code contains} or {@code regex}
 * @param position rules apply in (position, id) order; the first that matches wins
 */
public record Rule(
        long id, String field, String match, String pattern, long categoryId, int position, Instant createdAt) {}
