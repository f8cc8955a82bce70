package io.metacortex.finance.internal.plaid;

import java.time.Instant;
import java.util.UUID;

/**
 * A linked Plaid item as stored (its access token is in the secret store, see {@link #secretName}).
 *
 * @param cursor {@code /transactions/sync}'s cursor after the last applied sync, or null
 */
record PlaidItem(
        UUID id,
        UUID userId,
        String plaidItemId,
        String institutionId,
        String institutionName,
        String status,
        String errorCode,
        String errorMessage,
        String cursor,
        Instant lastSyncedAt,
        int skippedUnofficial,
        Instant createdAt) {

    static final String ACTIVE = "active";
    static final String LOGIN_REQUIRED = "login_required";
    static final String ERROR = "error";

    /** @return the name of the item's access token in the plugin's secret store */
    static String secretName(UUID itemId) {
        return "plaid/" + itemId;
    }

    boolean loginRequired() {
        return LOGIN_REQUIRED.equals(status);
    }
}
