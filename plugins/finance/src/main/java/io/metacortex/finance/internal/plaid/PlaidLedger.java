package io.metacortex.finance.internal.plaid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What the Plaid part writes of the plugin's money model, on the caller's handle and transaction: accounts of an item
 * and the transactions of a sync. Implemented over the plugin's {@code Ledger} (the one write path of imported
 * transactions) by {@link LedgerPlaidLedger}.
 */
interface PlaidLedger {

    /**
     * Creates or updates the item's accounts from Plaid's account objects ({@code account_id}, {@code name}, {@code
     * type}, {@code balances} with {@code current}, {@code available} and {@code iso_currency_code}); an account
     * without an ISO 4217 currency is left out.
     *
     * @return the ledger's account id of each Plaid {@code account_id} of the item, including ones stored before
     */
    Map<String, Long> upsertAccounts(Handle handle, UUID user, UUID itemId, List<JsonNode> accounts);

    /**
     * Applies a sync: upserts by (account, transaction id), then removes.
     *
     * @param removed Plaid transaction ids, each with its {@code account_id} (null: any account of the item)
     */
    void apply(
            Handle handle,
            UUID user,
            Map<String, Long> accountIds,
            List<PlaidTransaction> upserts,
            Map<String, String> removed);

    /** Detaches the item's accounts from it (the item is removed; accounts and transactions stay). */
    void detachItem(Handle handle, UUID user, UUID itemId);
}
