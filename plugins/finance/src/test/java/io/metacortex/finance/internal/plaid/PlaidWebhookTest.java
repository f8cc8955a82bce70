package io.metacortex.finance.internal.plaid;

import static io.metacortex.finance.internal.plaid.PlaidFake.CHECKING;
import static io.metacortex.finance.internal.plaid.PlaidFake.account;
import static io.metacortex.finance.internal.plaid.PlaidFake.page;
import static io.metacortex.finance.internal.plaid.PlaidFake.transaction;
import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.finance.FinancePlugin;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api/finance/plaid/webhook}, called as Plaid calls it (no user), verified against the key the fake
 * serves; forged webhooks change nothing.
 */
class PlaidWebhookTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("finance", FinancePlugin.class);

    private static final String CHECKING_JSON = account(CHECKING, "Plaid Checking", "110.25", "100", "USD");

    private PlaidHarness harness;
    private PlaidFake plaid;
    private WebhookSigner plaidKey;
    private UUID item;

    @BeforeEach
    void link() throws Exception {
        harness = new PlaidHarness(DB);
        plaid = harness.plaid;
        plaidKey = new WebhookSigner("bfbd5111-8e33-4643-8ced-b2e642a72f26");
        plaid.verificationKey(plaidKey, null);
        item = harness.link(TestUsers.ALICE, CHECKING_JSON);
        // The first (daily) run is done: what is waiting after this comes from the webhooks.
        plaid.syncPage(null, page(List.of(), List.of(), List.of(), "c1", false, CHECKING_JSON));
        harness.runSync(item);
        harness.context.actAs(null);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void syncUpdatesAvailableSchedulesOneSyncHoweverOftenItComes() throws Exception {
        String body = webhook("TRANSACTIONS", "SYNC_UPDATES_AVAILABLE", "");

        assertThat(receive(plaidKey.sign(body, Instant.now()), body)).isEqualTo("SYNC_REQUESTED");
        assertThat(receive(plaidKey.sign(body, Instant.now()), body)).isEqualTo("SYNC_REQUESTED");

        assertThat(harness.context.jobs().scheduled())
                .extracting(job -> job.key())
                .containsExactlyInAnyOrder(SyncJobs.dailyKey(item), SyncJobs.nowKey(item));
        plaid.syncPage(
                "c1",
                page(
                        List.of(transaction("t1", CHECKING, "4.20", "2026-12-01", "TEA", null)),
                        List.of(),
                        List.of(),
                        "c2",
                        false,
                        CHECKING_JSON));
        harness.runSync(item);
        assertThat(harness.transactions(TestUsers.ALICE.id())).containsOnlyKeys("t1");
        assertThat(harness.context.jobs().find(SyncJobs.TYPE, SyncJobs.nowKey(item)))
                .isEmpty();
        assertThat(plaid.requests("/webhook_verification_key/get")).hasSize(1);
    }

    @Test
    void itemLoginRequiredMarksTheItemAndADuplicateChangesNothing() throws Exception {
        String body = webhook("ITEM", "ERROR", """
                , "error": {"display_message": "Log in to your bank again.", "error_code": "ITEM_LOGIN_REQUIRED",
                 "error_message": "the login details of this item have changed", "error_type": "ITEM_ERROR",
                 "status": 400}""");

        assertThat(receive(plaidKey.sign(body, Instant.now()), body)).isEqualTo("LOGIN_REQUIRED");
        assertThat(receive(plaidKey.sign(body, Instant.now()), body)).isEqualTo("LOGIN_REQUIRED");

        ItemView shown = harness.as(TestUsers.ALICE.id()).items().get(TestUsers.ALICE, item.toString());
        assertThat(shown.needsReauth()).isTrue();
        assertThat(shown.errorMessage()).isEqualTo("Log in to your bank again.");
        String sync = webhook("TRANSACTIONS", "SYNC_UPDATES_AVAILABLE", "");
        harness.context.actAs(null);
        assertThat(receive(plaidKey.sign(sync, Instant.now()), sync)).isEqualTo("IGNORED");
        plaid.server().resetRequests();
        harness.runSync(item);
        assertThat(plaid.requests("/transactions/sync")).isEmpty();

        String repaired = webhook("ITEM", "LOGIN_REPAIRED", "");
        assertThat(receive(plaidKey.sign(repaired, Instant.now()), repaired)).isEqualTo("LOGIN_REPAIRED");
        assertThat(harness.as(TestUsers.ALICE.id())
                        .items()
                        .get(TestUsers.ALICE, item.toString())
                        .status())
                .isEqualTo("active");
    }

    @Test
    void forgedWebhooksAreRefusedAndChangeNothing() throws Exception {
        String body = webhook("ITEM", "ERROR", ", \"error\": {\"error_code\": \"ITEM_LOGIN_REQUIRED\"}");
        WebhookSigner forger = new WebhookSigner(plaidKey.keyId());
        String tampered = body.replace("ITEM_LOGIN_REQUIRED", "ITEM_LOGIN_REQUIRED ");

        assertThat(refused(forger.sign(body, Instant.now()), body)).contains("signature");
        assertThat(refused(plaidKey.sign(body, Instant.now().minus(Duration.ofMinutes(6))), body))
                .contains("iat");
        assertThat(refused(plaidKey.sign(tampered, Instant.now()), body)).contains("SHA-256");
        assertThat(refused(plaidKey.sign(body, Instant.now()), tampered)).contains("SHA-256");
        assertThat(refused(plaidKey.unsigned(body, Instant.now()), body)).contains("ES256");
        assertThat(refused(null, body)).contains("missing");

        assertThat(harness.as(TestUsers.ALICE.id())
                        .items()
                        .get(TestUsers.ALICE, item.toString())
                        .status())
                .isEqualTo("active");
        assertThat(harness.context.jobs().find(SyncJobs.TYPE, SyncJobs.nowKey(item)))
                .isEmpty();
    }

    @Test
    void aVerifiedWebhookOfAnUnknownItemOrTypeIsAcknowledgedAndIgnored() throws Exception {
        String unknown = webhook("TRANSACTIONS", "SYNC_UPDATES_AVAILABLE", "").replace(PlaidFake.ITEM_ID, "other");
        String holdings = webhook("HOLDINGS", "DEFAULT_UPDATE", "");
        String noItem = "{\"webhook_type\": \"TRANSFER\", \"webhook_code\": \"TRANSFER_EVENTS_UPDATE\"}";

        assertThat(receive(plaidKey.sign(unknown, Instant.now()), unknown)).isEqualTo("IGNORED");
        assertThat(receive(plaidKey.sign(holdings, Instant.now()), holdings)).isEqualTo("IGNORED");
        assertThat(receive(plaidKey.sign(noItem, Instant.now()), noItem)).isEqualTo("IGNORED");
        assertThat(refused(plaidKey.sign("[1]", Instant.now()), "[1]")).contains("not a JSON object");
        assertThat(refused(plaidKey.sign("{", Instant.now()), "{")).contains("not JSON");
        assertThat(harness.context.jobs().find(SyncJobs.TYPE, SyncJobs.nowKey(item)))
                .isEmpty();
    }

    @Test
    void whenPlaidsKeyCannotBeFetchedTheWebhookIsAnsweredSoPlaidRetriesIt() {
        plaid.server()
                .stubFor(PlaidFake.endpoint("/webhook_verification_key/get")
                        .atPriority(1)
                        .willReturn(PlaidFake.error(500, "API_ERROR", "INTERNAL_SERVER_ERROR", "oops", null)));
        String body = webhook("TRANSACTIONS", "SYNC_UPDATES_AVAILABLE", "");

        failsWith(503, () -> harness.webhooks().receive(plaidKey.sign(body, Instant.now()), bytes(body)));

        assertThat(harness.context.jobs().find(SyncJobs.TYPE, SyncJobs.nowKey(item)))
                .isEmpty();
    }

    private String receive(String verification, String body) {
        return harness.webhooks().receive(verification, bytes(body)).get("effect");
    }

    private String refused(String verification, String body) {
        return failsWith(401, () -> harness.webhooks().receive(verification, bytes(body)))
                .detail();
    }

    private static String webhook(String type, String code, String more) {
        return """
                {"environment": "sandbox", "item_id": "%s", "webhook_code": "%s", "webhook_type": "%s"%s}""".formatted(PlaidFake.ITEM_ID, code, type, more);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
