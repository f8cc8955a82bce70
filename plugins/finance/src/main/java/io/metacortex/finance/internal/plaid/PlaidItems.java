package io.metacortex.finance.internal.plaid;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.plugin.api.SecretStore;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's Plaid items: Link tokens, linking (exchanging the public token; the access token goes to the secret store
 * only), listing, syncing on demand and removing. Plaid's errors become API errors ({@link PlaidErrors}).
 *
 * <p>Removing an item calls {@code /item/remove} (the access token stops working), deletes the token from the secret
 * store and the item, and cancels its sync jobs; its accounts and their transactions <b>stay</b>, detached from the
 * item, as the user's records of what happened (they are deleted like any account, through the accounts API).
 */
public final class PlaidItems {

    private static final Logger LOG = LoggerFactory.getLogger(PlaidItems.class);
    private static final int MAX_PUBLIC_TOKEN = 500;
    private static final int MAX_INSTITUTION_NAME = 200;

    private final Jdbi jdbi;
    private final Supplier<SecretStore> secrets;
    private final PlaidClient client;
    private final PlaidLedger ledger;
    private final SyncJobs jobs;
    private final Clock clock;

    PlaidItems(
            Jdbi jdbi,
            Supplier<SecretStore> secrets,
            PlaidClient client,
            PlaidLedger ledger,
            SyncJobs jobs,
            Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.secrets = Objects.requireNonNull(secrets);
        this.client = Objects.requireNonNull(client);
        this.ledger = Objects.requireNonNull(ledger);
        this.jobs = Objects.requireNonNull(jobs);
        this.clock = Objects.requireNonNull(clock);
    }

    /** @return {@code linkToken} and {@code expiration} for Plaid Link */
    Map<String, String> linkToken(UUID user) {
        return linkTokenOf(call(() -> client.createLinkToken(user, null)));
    }

    /**
     * A Link token in update mode for the item, with which the user logs in to the bank again; Plaid then sends the
     * webhook {@code LOGIN_REPAIRED}, which makes the item active and syncs it.
     */
    Map<String, String> updateLinkToken(UUID user, UUID id) {
        find(user, id);
        String token = secrets.get()
                .get(PlaidItem.secretName(id))
                .orElseThrow(() -> new ApiException(
                        409,
                        new ApiError(
                                "item cannot be repaired",
                                "The item's access token is missing: remove the item and link the bank again.",
                                null)));
        return linkTokenOf(call(() -> client.createLinkToken(user, token)));
    }

    private static Map<String, String> linkTokenOf(JsonNode answer) {
        return Map.of(
                "linkToken", answer.path("link_token").asText(),
                "expiration", answer.path("expiration").asText());
    }

    /** Links the item of a public token: 422 naming {@code publicToken} when it is missing or Plaid refuses it. */
    LinkedItem link(UUID user, String publicToken, String institutionName) {
        if (publicToken == null || publicToken.isBlank()) {
            throw ApiException.invalidBody(Map.of("publicToken", "is required: the public_token Plaid Link gave"));
        }
        if (publicToken.length() > MAX_PUBLIC_TOKEN) {
            throw ApiException.invalidBody(
                    Map.of("publicToken", "is longer than " + MAX_PUBLIC_TOKEN + " characters: not a public token"));
        }
        if (institutionName != null && institutionName.length() > MAX_INSTITUTION_NAME) {
            throw ApiException.invalidBody(
                    Map.of("institutionName", "must be at most " + MAX_INSTITUTION_NAME + " characters"));
        }
        JsonNode exchanged = call(() -> client.exchangePublicToken(publicToken.trim()));
        String accessToken = exchanged.path("access_token").asText("");
        String plaidItemId = exchanged.path("item_id").asText("");
        if (accessToken.isEmpty() || plaidItemId.isEmpty()) {
            throw new ApiException(
                    502, new ApiError("Plaid refused the request", "Plaid's exchange gave no access token", null));
        }
        UUID id = UUID.randomUUID();
        secrets.get().put(PlaidItem.secretName(id), accessToken);
        List<JsonNode> accounts = new ArrayList<>();
        String institutionId = null;
        String status = PlaidItem.ACTIVE;
        String errorCode = null;
        String errorMessage = null;
        try {
            JsonNode answer = client.getAccounts(accessToken);
            answer.path("accounts").forEach(accounts::add);
            institutionId = answer.path("item").path("institution_id").isTextual()
                    ? answer.path("item").path("institution_id").asText()
                    : null;
        } catch (PlaidApiException e) {
            // The item is linked all the same: the first sync will try again, and the item shows the error.
            LOG.warn("Plaid item {}: accounts not read at link: {}", id, e.getMessage());
            status = e.error().is(PlaidError.ITEM_LOGIN_REQUIRED) ? PlaidItem.LOGIN_REQUIRED : PlaidItem.ERROR;
            errorCode = e.error().errorCode();
            errorMessage = e.error().displayMessage();
        } catch (IOException e) {
            LOG.warn("Plaid item {}: accounts not read at link: {}", id, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlaidErrors.of(new IOException("interrupted"));
        }
        PlaidItem item = new PlaidItem(
                id,
                user,
                plaidItemId,
                institutionId,
                blankToNull(institutionName),
                status,
                errorCode,
                errorMessage,
                null,
                null,
                0,
                clock.instant());
        try {
            jdbi.useTransaction(handle -> {
                new PlaidItemDao(handle).insert(item);
                ledger.apply(handle, user, id, accounts, List.of(), Map.of());
            });
        } catch (RuntimeException e) {
            secrets.get().delete(PlaidItem.secretName(id));
            throw e;
        }
        jobs.scheduleDaily(user, id);
        return new LinkedItem(ItemView.of(item), accounts.size());
    }

    /** The answer of linking: the item and how many accounts it brought. */
    record LinkedItem(ItemView item, int accounts) {}

    List<ItemView> list(UUID user) {
        return jdbi.inTransaction(handle ->
                new PlaidItemDao(handle).list(user).stream().map(ItemView::of).toList());
    }

    ItemView get(UUID user, UUID id) {
        return ItemView.of(find(user, id));
    }

    /** Asks for a sync now: 409 when the bank login must be renewed first. @return the item */
    ItemView syncNow(UUID user, UUID id) {
        PlaidItem item = find(user, id);
        if (item.loginRequired()) {
            throw PlaidErrors.loginRequired(item.errorMessage());
        }
        jobs.syncNow(user, id);
        return ItemView.of(item);
    }

    /** Removes the item at Plaid and here; its accounts and transactions stay. */
    void remove(UUID user, UUID id) {
        find(user, id);
        String name = PlaidItem.secretName(id);
        secrets.get().get(name).ifPresent(token -> {
            try {
                client.removeItem(token);
            } catch (PlaidApiException e) {
                // Already gone at Plaid (or the token no longer works): nothing to undo there.
                if (!e.error().is(PlaidError.ITEM_NOT_FOUND) && !e.error().is(PlaidError.INVALID_ACCESS_TOKEN)) {
                    throw PlaidErrors.of(e);
                }
            } catch (IOException e) {
                throw PlaidErrors.of(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PlaidErrors.of(new IOException("interrupted"));
            }
        });
        jdbi.useTransaction(handle -> {
            ledger.detachItem(handle, user, id);
            new PlaidItemDao(handle).delete(user, id);
        });
        jobs.cancel(id);
        secrets.get().delete(name);
    }

    private PlaidItem find(UUID user, UUID id) {
        return jdbi.inTransaction(handle -> new PlaidItemDao(handle).find(user, id))
                .orElseThrow(() -> PlaidErrors.itemNotFound(id.toString()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A call of Plaid for a waiting user. */
    interface PlaidCall {
        JsonNode call() throws IOException, InterruptedException, PlaidApiException;
    }

    private static JsonNode call(PlaidCall call) {
        try {
            return call.call();
        } catch (PlaidApiException e) {
            throw PlaidErrors.of(e);
        } catch (IOException e) {
            throw PlaidErrors.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlaidErrors.of(new IOException("interrupted"));
        }
    }
}
