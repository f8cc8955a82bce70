package io.metacortex.finance.internal.plaid;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles Plaid's webhooks once {@link WebhookVerifier} accepted them. {@code TRANSACTIONS} {@code
 * SYNC_UPDATES_AVAILABLE} asks for a sync of the item ({@link SyncJobs#syncNow}: one waiting job per item, so a
 * duplicate changes nothing); {@code ITEM} {@code ERROR} with {@code ITEM_LOGIN_REQUIRED} (and {@code
 * PENDING_DISCONNECT}) marks the item {@code login_required}, {@code LOGIN_REPAIRED} marks it active again: setting a
 * status twice is setting it once. Other webhooks, and webhooks of items unknown here, are acknowledged and ignored.
 */
final class PlaidWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(PlaidWebhooks.class);

    /** What a webhook did. */
    enum Effect {
        SYNC_REQUESTED,
        LOGIN_REQUIRED,
        LOGIN_REPAIRED,
        IGNORED
    }

    private final WebhookVerifier verifier;
    private final Jdbi jdbi;
    private final SyncJobs jobs;

    PlaidWebhooks(WebhookVerifier verifier, Jdbi jdbi, SyncJobs jobs) {
        this.verifier = verifier;
        this.jdbi = jdbi;
        this.jobs = jobs;
    }

    /**
     * @throws WebhookRejectedException when the webhook is not verified, or its body is not a JSON object
     * @throws IOException when Plaid's key could not be fetched (Plaid retries the webhook)
     */
    Effect handle(String verification, byte[] body) throws WebhookRejectedException, IOException, InterruptedException {
        verifier.verify(verification, body);
        JsonNode webhook;
        try {
            webhook = PlaidClient.JSON.readTree(body);
        } catch (IOException e) {
            throw new WebhookRejectedException("the body is not JSON");
        }
        if (webhook == null || !webhook.isObject()) {
            throw new WebhookRejectedException("the body is not a JSON object");
        }
        String type = webhook.path("webhook_type").asText("");
        String code = webhook.path("webhook_code").asText("");
        String plaidItemId = webhook.path("item_id").asText("");
        if (plaidItemId.isEmpty()) {
            return Effect.IGNORED;
        }
        return jdbi.inTransaction(handle -> {
            PlaidItemDao items = new PlaidItemDao(handle);
            Optional<PlaidItem> found = items.findByPlaidItemId(plaidItemId);
            if (found.isEmpty()) {
                LOG.info("Plaid webhook {} {} for an item unknown here: ignored", type, code);
                return Effect.IGNORED;
            }
            PlaidItem item = found.get();
            PlaidItemDao.actAs(handle, item.userId());
            if ("TRANSACTIONS".equals(type) && "SYNC_UPDATES_AVAILABLE".equals(code)) {
                if (item.loginRequired()) {
                    return Effect.IGNORED;
                }
                jobs.syncNow(item.userId(), item.id());
                return Effect.SYNC_REQUESTED;
            }
            if ("ITEM".equals(type)) {
                String errorCode = webhook.path("error").path("error_code").asText("");
                if (("ERROR".equals(code) && PlaidError.ITEM_LOGIN_REQUIRED.equals(errorCode))
                        || "PENDING_DISCONNECT".equals(code)) {
                    JsonNode display = webhook.path("error").path("display_message");
                    items.setStatus(
                            item.userId(),
                            item.id(),
                            PlaidItem.LOGIN_REQUIRED,
                            PlaidError.ITEM_LOGIN_REQUIRED,
                            display.isTextual() ? display.asText() : null);
                    return Effect.LOGIN_REQUIRED;
                }
                if ("LOGIN_REPAIRED".equals(code)) {
                    items.setStatus(item.userId(), item.id(), PlaidItem.ACTIVE, null, null);
                    jobs.syncNow(item.userId(), item.id());
                    return Effect.LOGIN_REPAIRED;
                }
            }
            return Effect.IGNORED;
        });
    }
}
