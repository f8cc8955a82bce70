package io.metacortex.finance.internal.plaid;

import static io.metacortex.finance.internal.plaid.PlaidFake.CHECKING;
import static io.metacortex.finance.internal.plaid.PlaidFake.SAVINGS;
import static io.metacortex.finance.internal.plaid.PlaidFake.account;
import static io.metacortex.finance.internal.plaid.PlaidFake.page;
import static io.metacortex.finance.internal.plaid.PlaidFake.transaction;
import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.finance.FinancePlugin;
import io.metacortex.plugin.api.PluginPermissions;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestJobs;
import io.metacortex.plugin.testing.TestPluginContext;
import io.metacortex.plugin.testing.TestUsers;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Link tokens, linking, listing, removing items: the Plaid item routes against the fake on a real PostgreSQL. */
class PlaidItemsTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("finance", FinancePlugin.class);

    private static final String CHECKING_JSON = account(CHECKING, "Plaid Checking", "110.25", "100", "USD");
    private static final String SAVINGS_JSON = account(SAVINGS, "Plaid Saving", "210", "200", "USD");

    private PlaidHarness harness;
    private PlaidFake plaid;

    @BeforeEach
    void start() throws Exception {
        harness = new PlaidHarness(DB);
        plaid = harness.plaid;
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void aLinkTokenIsForTheCallerWithTheWebhookUrl() {
        plaid.linkTokenCreated();

        Map<String, String> token =
                harness.as(TestUsers.ALICE.id()).linkTokens().create(TestUsers.ALICE);

        assertThat(token).containsEntry("linkToken", "link-sandbox-af1a0311-da53-4636-b754-dd15cc058176");
        String sent = plaid.requests("/link/token/create").get(0).getBodyAsString();
        assertThat(sent)
                .contains("\"client_user_id\":\"" + TestUsers.ALICE.id() + "\"")
                .contains("\"products\":[\"transactions\"]")
                .contains("\"webhook\":\"https://metacortex.example.org/api/finance/plaid/webhook\"");
        assertThat(plaid.requests("/link/token/create").get(0).getHeader("Idempotency-Key"))
                .isNull();
    }

    @Test
    void linkingStoresTheTokenAsASecretTheAccountsAndADailySync() throws Exception {
        UUID item = harness.link(TestUsers.ALICE, CHECKING_JSON, SAVINGS_JSON);

        assertThat(harness.context.secrets().get("plaid/" + item)).contains(PlaidFake.ACCESS_TOKEN);
        assertThat(harness.rows("SELECT external_id FROM accounts WHERE source = 'plaid' ORDER BY external_id"))
                .extracting(row -> row.get("external_id"))
                .containsExactly(CHECKING, SAVINGS);
        assertThat(harness.context.jobs().find(SyncJobs.TYPE, SyncJobs.dailyKey(item)))
                .hasValueSatisfying(job -> assertThat(job.recurrence()).isEqualTo("every PT24H"));
        List<ItemView> listed = harness.as(TestUsers.ALICE.id()).items().list(TestUsers.ALICE);
        assertThat(listed).singleElement().satisfies(shown -> {
            assertThat(shown.id()).isEqualTo(item);
            assertThat(shown.status()).isEqualTo("active");
            assertThat(shown.institutionId()).isEqualTo("ins_109508");
            assertThat(shown.institutionName()).isEqualTo("First Platypus Bank");
            assertThat(shown.lastSyncedAt()).isNull();
        });
        assertThat(plaid.requests("/item/public_token/exchange").get(0).getHeader("Idempotency-Key"))
                .isNull();
        assertThat(plaid.requests("/accounts/get").get(0).getHeader("Idempotency-Key"))
                .isNotBlank();

        plaid.syncPage(
                null,
                page(
                        List.of(transaction("t1", CHECKING, "3.50", "2026-11-24", "COFFEE", null)),
                        List.of(),
                        List.of(),
                        "c1",
                        false,
                        CHECKING_JSON,
                        SAVINGS_JSON));
        harness.runSync(item);
        assertThat(harness.as(TestUsers.ALICE.id())
                        .items()
                        .get(TestUsers.ALICE, item.toString())
                        .lastSyncedAt())
                .isNotNull();
    }

    @Test
    void aPublicTokenPlaidRefusesIs422NamingItAndStoresNothing() {
        plaid.publicTokenExchanged();
        harness.as(TestUsers.ALICE.id());

        ApiError error = failsWith(
                422, () -> harness.items().link(TestUsers.ALICE, new LinkRequest("public-sandbox-expired", null)));

        assertThat(error.fields()).containsOnlyKeys("publicToken");
        assertThat(DB.count("plaid_items")).isZero();
        assertThat(DB.count("accounts")).isZero();
        assertThat(harness.context.jobs().scheduled()).isEmpty();
    }

    @Test
    void aMissingOrOversizedBodyIs422WithoutCallingPlaid() {
        harness.as(TestUsers.ALICE.id());

        assertThat(failsWith(422, () -> harness.items().link(TestUsers.ALICE, new LinkRequest(" ", null)))
                        .fields())
                .containsOnlyKeys("publicToken");
        assertThat(failsWith(422, () -> harness.items().link(TestUsers.ALICE, new LinkRequest("x".repeat(501), null)))
                        .fields())
                .containsOnlyKeys("publicToken");
        assertThat(failsWith(
                                422,
                                () -> harness.items()
                                        .link(
                                                TestUsers.ALICE,
                                                new LinkRequest(PlaidFake.PUBLIC_TOKEN, "n".repeat(201))))
                        .fields())
                .containsOnlyKeys("institutionName");
        assertThat(failsWith(422, () -> harness.items().link(TestUsers.ALICE, null))
                        .detail())
                .contains("publicToken");
        assertThat(plaid.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void anItemWhoseLoginExpiredAtLinkIsStoredNeedingReauth() {
        plaid.publicTokenExchanged();
        plaid.server()
                .stubFor(PlaidFake.endpoint("/accounts/get")
                        .willReturn(PlaidFake.error(
                                400,
                                "ITEM_ERROR",
                                "ITEM_LOGIN_REQUIRED",
                                "login required",
                                "Log in to your bank again.")));
        harness.as(TestUsers.ALICE.id());

        Response linked = harness.items().link(TestUsers.ALICE, new LinkRequest(PlaidFake.PUBLIC_TOKEN, null));

        assertThat(linked.getStatus()).isEqualTo(201);
        ItemView item = ((PlaidItems.LinkedItem) linked.getEntity()).item();
        assertThat(item.needsReauth()).isTrue();
        assertThat(item.errorMessage()).isEqualTo("Log in to your bank again.");
    }

    @Test
    void anotherUsersItemIsNotFoundOnEveryRoute() {
        UUID item = harness.link(TestUsers.ALICE, CHECKING_JSON);
        plaid.itemRemoved();
        harness.as(TestUsers.BOB.id());

        assertThat(harness.items().list(TestUsers.BOB)).isEmpty();
        failsWith(404, () -> harness.items().get(TestUsers.BOB, item.toString()));
        failsWith(404, () -> harness.items().sync(TestUsers.BOB, item.toString()));
        failsWith(404, () -> harness.items().remove(TestUsers.BOB, item.toString()));
        failsWith(404, () -> harness.items().get(TestUsers.BOB, "not-a-uuid"));
        assertThat(plaid.requests("/item/remove")).isEmpty();
        assertThat(harness.context.secrets().get("plaid/" + item)).isPresent();
        assertThat(DB.count("plaid_items")).isEqualTo(1);
    }

    @Test
    void anUpdateModeLinkTokenCarriesTheItemsAccessTokenToPlaidOnly() {
        UUID item = harness.link(TestUsers.ALICE, CHECKING_JSON);
        plaid.linkTokenCreated();

        Map<String, String> token =
                harness.as(TestUsers.ALICE.id()).items().updateLinkToken(TestUsers.ALICE, item.toString());

        assertThat(token).containsOnlyKeys("linkToken", "expiration").doesNotContainValue(PlaidFake.ACCESS_TOKEN);
        String sent = plaid.requests("/link/token/create").get(0).getBodyAsString();
        assertThat(sent)
                .contains("\"access_token\":\"" + PlaidFake.ACCESS_TOKEN + "\"")
                .doesNotContain("products");
        harness.as(TestUsers.BOB.id());
        failsWith(404, () -> harness.items().updateLinkToken(TestUsers.BOB, item.toString()));
        harness.context.secrets().delete("plaid/" + item);
        harness.as(TestUsers.ALICE.id());
        assertThat(failsWith(409, () -> harness.items().updateLinkToken(TestUsers.ALICE, item.toString()))
                        .error())
                .isEqualTo("item cannot be repaired");
        assertThat(plaid.requests("/link/token/create")).hasSize(1);
    }

    @Test
    void syncOnDemandSchedulesOneJobHoweverOftenAsked() {
        UUID item = harness.link(TestUsers.ALICE, CHECKING_JSON);
        harness.as(TestUsers.ALICE.id());

        assertThat(harness.items().sync(TestUsers.ALICE, item.toString()).getStatus())
                .isEqualTo(202);
        assertThat(harness.items().sync(TestUsers.ALICE, item.toString()).getStatus())
                .isEqualTo(202);

        assertThat(harness.context.jobs().scheduled())
                .extracting(TestJobs.Scheduled::key)
                .containsExactlyInAnyOrder(SyncJobs.dailyKey(item), SyncJobs.nowKey(item));
    }

    @Test
    void removingAnItemRemovesItAtPlaidDeletesTheTokenAndKeepsTheTransactions() throws Exception {
        UUID item = harness.link(TestUsers.ALICE, CHECKING_JSON);
        plaid.syncPage(
                null,
                page(
                        List.of(transaction("t1", CHECKING, "3.50", "2026-11-24", "COFFEE", null)),
                        List.of(),
                        List.of(),
                        "c1",
                        false,
                        CHECKING_JSON));
        harness.runSync(item);
        plaid.itemRemoved();
        harness.as(TestUsers.ALICE.id());

        assertThat(harness.items().remove(TestUsers.ALICE, item.toString()).getStatus())
                .isEqualTo(204);

        assertThat(plaid.requests("/item/remove").get(0).getBodyAsString())
                .contains("\"access_token\":\"" + PlaidFake.ACCESS_TOKEN + "\"");
        assertThat(harness.context.secrets().get("plaid/" + item)).isEmpty();
        assertThat(harness.context.jobs().scheduled()).isEmpty();
        assertThat(DB.count("plaid_items")).isZero();
        assertThat(harness.transactions(TestUsers.ALICE.id())).containsOnlyKeys("t1");
        failsWith(404, () -> harness.items().get(TestUsers.ALICE, item.toString()));
    }

    @Test
    void anItemPlaidNoLongerKnowsIsRemovedHereToo() {
        UUID item = harness.link(TestUsers.ALICE, CHECKING_JSON);
        plaid.server()
                .stubFor(PlaidFake.endpoint("/item/remove")
                        .willReturn(PlaidFake.error(400, "ITEM_ERROR", "ITEM_NOT_FOUND", "item not found", null)));
        harness.as(TestUsers.ALICE.id());

        harness.items().remove(TestUsers.ALICE, item.toString());

        assertThat(DB.count("plaid_items")).isZero();
    }

    @Test
    void whenPlaidCannotRemoveTheItemNothingChangesHere() {
        UUID item = harness.link(TestUsers.ALICE, CHECKING_JSON);
        plaid.server()
                .stubFor(PlaidFake.endpoint("/item/remove")
                        .willReturn(PlaidFake.error(500, "API_ERROR", "INTERNAL_SERVER_ERROR", "oops", null)));
        harness.as(TestUsers.ALICE.id());

        failsWith(503, () -> harness.items().remove(TestUsers.ALICE, item.toString()));

        assertThat(DB.count("plaid_items")).isEqualTo(1);
        assertThat(harness.context.secrets().get("plaid/" + item)).isPresent();
        assertThat(harness.context.jobs().find(SyncJobs.TYPE, SyncJobs.dailyKey(item)))
                .isPresent();
    }

    @Test
    void withoutPlaidSettingsTheRoutesAnswer503() throws Exception {
        TestPluginContext context = TestPluginContext.of(DB.database()).grant(PluginPermissions.SECRETS);
        FinancePlugin plugin = new FinancePlugin();
        context.start(plugin);
        try {
            LinkTokenResource tokens = context.resources().stream()
                    .filter(LinkTokenResource.class::isInstance)
                    .map(LinkTokenResource.class::cast)
                    .findFirst()
                    .orElseThrow();
            PlaidItemResource items = context.resources().stream()
                    .filter(PlaidItemResource.class::isInstance)
                    .map(PlaidItemResource.class::cast)
                    .findFirst()
                    .orElseThrow();
            assertThat(failsWith(503, () -> tokens.create(TestUsers.ALICE)).error())
                    .isEqualTo("Plaid is not configured");
            failsWith(503, () -> items.list(TestUsers.ALICE));
        } finally {
            context.stop(plugin);
        }
    }
}
