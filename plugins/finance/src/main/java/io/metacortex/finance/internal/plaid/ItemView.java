package io.metacortex.finance.internal.plaid;

import java.time.Instant;
import java.util.UUID;

/**
 * An item as the API shows it: never its access token, nor its sync cursor.
 *
 * @param status {@code active}, {@code login_required} or {@code error}
 * @param needsReauth whether the user must log in to the bank again (Link's update mode); syncs wait until then
 * @param errorCode Plaid's error code of the last failure, or null
 * @param errorMessage Plaid's message for the user about it, or null
 * @param lastSyncedAt when the last sync was applied, or null
 * @param skippedTransactions transactions the last sync left out for want of an ISO 4217 currency
 */
public record ItemView(
        UUID id,
        String institutionId,
        String institutionName,
        String status,
        boolean needsReauth,
        String errorCode,
        String errorMessage,
        Instant lastSyncedAt,
        int skippedTransactions,
        Instant createdAt) {

    static ItemView of(PlaidItem item) {
        return new ItemView(
                item.id(),
                item.institutionId(),
                item.institutionName(),
                item.status(),
                item.loginRequired(),
                item.errorCode(),
                item.errorMessage(),
                item.lastSyncedAt(),
                item.skippedUnofficial(),
                item.createdAt());
    }
}
