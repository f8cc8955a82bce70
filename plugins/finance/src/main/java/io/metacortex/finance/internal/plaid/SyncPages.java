package io.metacortex.finance.internal.plaid;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers one whole {@code /transactions/sync} run: pages from the item's cursor while {@code has_more}, each from the
 * previous page's {@code next_cursor}. Nothing is applied here: the caller applies the result in one transaction and
 * only then stores {@link Result#nextCursor()}. When Plaid answers {@code TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION}
 * the pages gathered are discarded and the run starts again from the cursor it began with, as Plaid documents.
 */
final class SyncPages {

    /** Restarts after a mutation during pagination before the run gives up (the job retries it later). */
    static final int MAX_RESTARTS = 3;
    /** Pages of one run at most (500 transactions each): a guard against a cursor that never ends. */
    static final int MAX_PAGES = 2_000;

    /**
     * The net effect of a run: the latest state of each added or modified transaction by id (a later page wins), and
     * the ids removed, with their {@code account_id} (null when Plaid gave none; a removed id is no longer among the
     * upserts).
     *
     * @param accounts the {@code accounts} of the last page (Plaid's account objects with balances), possibly empty
     * @param pages how many pages were read in the run that succeeded
     * @param restarts how many times the run started again
     */
    record Result(
            String startCursor,
            String nextCursor,
            List<JsonNode> upserts,
            Map<String, String> removed,
            List<JsonNode> accounts,
            int pages,
            int restarts) {}

    private final PlaidClient client;

    SyncPages(PlaidClient client) {
        this.client = client;
    }

    Result fetch(String accessToken, String startCursor) throws IOException, InterruptedException, PlaidApiException {
        for (int restart = 0; ; restart++) {
            try {
                return fetchOnce(accessToken, startCursor, restart);
            } catch (PlaidApiException e) {
                if (!e.error().is(PlaidError.MUTATION_DURING_PAGINATION) || restart >= MAX_RESTARTS) {
                    throw e;
                }
            }
        }
    }

    private Result fetchOnce(String accessToken, String startCursor, int restarts)
            throws IOException, InterruptedException, PlaidApiException {
        Map<String, JsonNode> upserts = new LinkedHashMap<>();
        Map<String, String> removed = new LinkedHashMap<>();
        List<JsonNode> accounts = new ArrayList<>();
        String cursor = startCursor;
        int pages = 0;
        boolean more = true;
        while (more) {
            if (++pages > MAX_PAGES) {
                throw new IOException("Plaid's /transactions/sync still had more after " + MAX_PAGES + " pages");
            }
            JsonNode page = client.syncTransactions(accessToken, cursor);
            for (JsonNode added : page.path("added")) {
                put(upserts, removed, added);
            }
            for (JsonNode modified : page.path("modified")) {
                put(upserts, removed, modified);
            }
            for (JsonNode gone : page.path("removed")) {
                String id = gone.path("transaction_id").asText("");
                if (!id.isEmpty()) {
                    upserts.remove(id);
                    removed.put(
                            id,
                            gone.path("account_id").isTextual()
                                    ? gone.path("account_id").asText()
                                    : null);
                }
            }
            if (page.path("accounts").isArray()) {
                accounts.clear();
                page.path("accounts").forEach(accounts::add);
            }
            String next = page.path("next_cursor").asText("");
            if (next.isEmpty()) {
                throw new IOException("Plaid's /transactions/sync answered without a next_cursor");
            }
            cursor = next;
            more = page.path("has_more").asBoolean(false);
        }
        return new Result(startCursor, cursor, List.copyOf(upserts.values()), removed, accounts, pages, restarts);
    }

    private static void put(Map<String, JsonNode> upserts, Map<String, String> removed, JsonNode transaction) {
        String id = transaction.path("transaction_id").asText("");
        if (!id.isEmpty()) {
            removed.remove(id);
            upserts.put(id, transaction);
        }
    }
}
