package io.metacortex.finance.internal.plaid;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.plugin.api.SecretStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of an item: its transactions since the stored cursor, gathered whole by {@link SyncPages} (nothing written
 * meanwhile), then applied in one transaction through the ledger ({@link PlaidLedger}) together with the accounts'
 * balances and the new cursor, after checking that the cursor is still the one the sync began with (a sync that
 * lost a race to another applies nothing). So a transaction is never applied twice, and a failure anywhere leaves the
 * item as it was: the next sync starts from the same cursor.
 *
 * <p>Runs outside a user's request (the sync job): each transaction acts as the item's owner ({@link
 * PlaidItemDao#actAs}).
 */
public final class PlaidSync {

    private static final Logger LOG = LoggerFactory.getLogger(PlaidSync.class);

    /** What became of a sync. */
    public enum Outcome {
        /** applied */
        SYNCED,
        /** not tried or stopped: the user must log in to the bank again (no retry until then) */
        LOGIN_REQUIRED,
        /** the item no longer exists (removed meanwhile) */
        ITEM_GONE,
        /** another sync applied first; this one applied nothing */
        SUPERSEDED,
        /** Plaid refused for a reason retrying will not fix; the item shows the error code */
        FAILED
    }

    /**
     * @param upserted transactions the ledger added or changed
     * @param removed transactions the ledger removed
     * @param skipped transactions left out: no ISO 4217 currency
     */
    public record Report(Outcome outcome, int upserted, int removed, int skipped, int pages, int restarts) {
        static Report of(Outcome outcome) {
            return new Report(outcome, 0, 0, 0, 0, 0);
        }
    }

    private final Jdbi jdbi;
    private final Supplier<SecretStore> secrets;
    private final PlaidClient client;
    private final PlaidLedger ledger;
    private final Clock clock;

    PlaidSync(Jdbi jdbi, Supplier<SecretStore> secrets, PlaidClient client, PlaidLedger ledger, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.secrets = Objects.requireNonNull(secrets);
        this.client = Objects.requireNonNull(client);
        this.ledger = Objects.requireNonNull(ledger);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Syncs the item {@code itemId} of {@code user}.
     *
     * @throws IOException when Plaid could not be reached or kept failing (try again later)
     * @throws PlaidApiException when Plaid answered an error that may pass (its own failure, a rate limit)
     */
    public Report run(UUID user, UUID itemId) throws IOException, InterruptedException, PlaidApiException {
        Optional<PlaidItem> found = jdbi.inTransaction(handle -> {
            PlaidItemDao.actAs(handle, user);
            return new PlaidItemDao(handle).find(user, itemId);
        });
        if (found.isEmpty()) {
            return Report.of(Outcome.ITEM_GONE);
        }
        PlaidItem item = found.get();
        if (item.loginRequired()) {
            return Report.of(Outcome.LOGIN_REQUIRED);
        }
        Optional<String> token = secrets.get().get(PlaidItem.secretName(itemId));
        if (token.isEmpty()) {
            markError(user, itemId, PlaidItem.ERROR, "ACCESS_TOKEN_MISSING", null);
            return Report.of(Outcome.FAILED);
        }
        SyncPages.Result result;
        List<JsonNode> accounts;
        try {
            result = new SyncPages(client).fetch(token.get(), item.cursor());
            accounts = result.accounts();
            if (accounts.isEmpty() && !result.upserts().isEmpty()) {
                accounts = List.copyOf(listOf(client.getAccounts(token.get()).path("accounts")));
            }
        } catch (PlaidApiException e) {
            return failed(user, itemId, e);
        }
        Report report = apply(user, itemId, result, accounts);
        LOG.info(
                "Plaid item {}: sync {}: {} transactions added or changed, {} removed, {} without an ISO currency left"
                        + " out ({} pages, {} restarts)",
                itemId,
                report.outcome(),
                report.upserted(),
                report.removed(),
                report.skipped(),
                result.pages(),
                result.restarts());
        return report;
    }

    private Report apply(UUID user, UUID itemId, SyncPages.Result result, List<JsonNode> accounts) {
        List<PlaidTransaction> upserts = new ArrayList<>(result.upserts().size());
        int skipped = 0;
        for (JsonNode json : result.upserts()) {
            Optional<PlaidTransaction> transaction = PlaidTransaction.of(json);
            if (transaction.isPresent()) {
                upserts.add(transaction.get());
            } else {
                skipped++;
            }
        }
        int skippedUnofficial = skipped;
        return jdbi.inTransaction(handle -> {
            PlaidItemDao.actAs(handle, user);
            PlaidItemDao items = new PlaidItemDao(handle);
            Optional<PlaidItem> locked = items.findForUpdate(user, itemId);
            if (locked.isEmpty()) {
                return Report.of(Outcome.ITEM_GONE);
            }
            if (!Objects.equals(locked.get().cursor(), result.startCursor())) {
                LOG.info("Plaid item {}: another sync was applied first; this one applies nothing", itemId);
                return Report.of(Outcome.SUPERSEDED);
            }
            PlaidLedger.Applied applied = ledger.apply(handle, user, itemId, accounts, upserts, result.removed());
            items.synced(user, itemId, result.nextCursor(), clock.instant(), skippedUnofficial);
            return new Report(
                    Outcome.SYNCED,
                    applied.added() + applied.modified(),
                    applied.removed(),
                    skippedUnofficial,
                    result.pages(),
                    result.restarts());
        });
    }

    private Report failed(UUID user, UUID itemId, PlaidApiException e) throws PlaidApiException {
        PlaidError error = e.error();
        if (error.is(PlaidError.ITEM_LOGIN_REQUIRED)) {
            markError(user, itemId, PlaidItem.LOGIN_REQUIRED, error.errorCode(), error.displayMessage());
            return Report.of(Outcome.LOGIN_REQUIRED);
        }
        if (error.transientFailure() || error.is(PlaidError.MUTATION_DURING_PAGINATION)) {
            throw e;
        }
        LOG.warn("Plaid item {}: sync refused: {}", itemId, e.getMessage());
        markError(user, itemId, PlaidItem.ERROR, error.errorCode(), error.displayMessage());
        return Report.of(Outcome.FAILED);
    }

    /** Marks the item, for its owner (a request or the sync job) or for the webhook. */
    void markError(UUID user, UUID itemId, String status, String errorCode, String errorMessage) {
        jdbi.useTransaction(handle -> {
            PlaidItemDao.actAs(handle, user);
            new PlaidItemDao(handle).setStatus(user, itemId, status, errorCode, errorMessage);
        });
    }

    private static List<JsonNode> listOf(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
