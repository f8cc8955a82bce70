package io.metacortex.finance.internal.plaid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What the Plaid part writes of the plugin's money model, in the caller's transaction: an item's accounts with their
 * balances, and a sync's transactions. Implemented over the plugin's {@code Ledger}, the one write path of imported
 * transactions, by {@link LedgerPlaidLedger}.
 */
interface PlaidLedger {

    /**
     * Creates or links the item's accounts from Plaid's account objects ({@code account_id}, {@code name}, {@code
     * type}, {@code subtype}, {@code balances}), then applies, per account, its upserts (by transaction id), its
     * removals and the balance Plaid reports, in one ledger batch each. An account without an ISO 4217 currency is
     * left out.
     *
     * @param removed Plaid transaction ids, each with its {@code account_id} (null: any account of the item)
     * @return how many transactions were added, modified and removed
     * @throws IllegalStateException when a transaction is of an account neither listed nor stored before
     */
    Applied apply(
            Handle handle,
            UUID user,
            UUID itemId,
            List<JsonNode> accounts,
            List<PlaidTransaction> upserts,
            Map<String, String> removed);

    /** Detaches the item's accounts from it (the item is removed; accounts and transactions stay). */
    void detachItem(Handle handle, UUID user, UUID itemId);

    /** The ledger's counts of a sync. */
    record Applied(int added, int modified, int removed) {}
}
