package io.metacortex.finance.internal.plaid;

import static io.metacortex.finance.internal.plaid.PlaidFake.CHECKING;
import static io.metacortex.finance.internal.plaid.PlaidFake.SAVINGS;
import static io.metacortex.finance.internal.plaid.PlaidFake.account;
import static io.metacortex.finance.internal.plaid.PlaidFake.dec;
import static io.metacortex.finance.internal.plaid.PlaidFake.page;
import static io.metacortex.finance.internal.plaid.PlaidFake.removed;
import static io.metacortex.finance.internal.plaid.PlaidFake.transaction;
import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.metacortex.finance.FinancePlugin;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestUsers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** {@code /transactions/sync} against the fake, applied through the ledger on a real PostgreSQL. */
class PlaidSyncTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("finance", FinancePlugin.class);

    private static final String CHECKING_JSON = account(CHECKING, "Plaid Checking", "110.25", "100", "USD");
    private static final String SAVINGS_JSON = account(SAVINGS, "Plaid Saving", "210", "200", "USD");

    private PlaidHarness harness;
    private PlaidFake plaid;
    private UUID item;

    @BeforeEach
    void link() throws Exception {
        harness = new PlaidHarness(DB);
        plaid = harness.plaid;
        item = harness.link(TestUsers.ALICE, CHECKING_JSON, SAVINGS_JSON);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void threePagesWithHasMoreAreAppliedTogetherAndTheCursorIsStoredAfterTheLast() throws Exception {
        plaid.syncPage(
                null,
                page(
                        List.of(t("t1", CHECKING, "72.10"), t("t2", CHECKING, "5.00")),
                        List.of(),
                        List.of(),
                        "c1",
                        true,
                        CHECKING_JSON,
                        SAVINGS_JSON));
        plaid.syncPage(
                "c1",
                page(
                        List.of(t("t3", SAVINGS, "-1500.00")),
                        List.of(t("t1", CHECKING, "80.10")),
                        List.of(),
                        "c2",
                        true,
                        CHECKING_JSON,
                        SAVINGS_JSON));
        plaid.syncPage(
                "c2",
                page(List.of(), List.of(), List.of(removed("t2", CHECKING)), "c3", false, CHECKING_JSON, SAVINGS_JSON));

        harness.runSync(item);

        assertThat(harness.transactions(TestUsers.ALICE.id()))
                .containsOnlyKeys("t1", "t3")
                .hasEntrySatisfying("t1", amount -> assertThat(amount).isEqualByComparingTo("-80.10"))
                .hasEntrySatisfying("t3", amount -> assertThat(amount).isEqualByComparingTo("1500.00"));
        assertThat(cursor()).isEqualTo("c3");
        List<LoggedRequest> calls = plaid.requests("/transactions/sync");
        assertThat(calls).hasSize(3);
        assertThat(calls)
                .allSatisfy(
                        call -> assertThat(call.getHeader("Idempotency-Key")).isNotBlank());

        plaid.syncPage("c3", page(List.of(), List.of(), List.of(), "c3", false, CHECKING_JSON, SAVINGS_JSON));
        harness.runSync(item);

        assertThat(harness.transactions(TestUsers.ALICE.id())).containsOnlyKeys("t1", "t3");
        assertThat(DB.count("transactions")).isEqualTo(2);
    }

    @Test
    void aTransactionModifiedThenRemovedFollowsPlaid() throws Exception {
        plaid.syncPage(
                null, page(List.of(t("t1", CHECKING, "12.34")), List.of(), List.of(), "c1", false, CHECKING_JSON));
        harness.runSync(item);
        assertThat(harness.transactions(TestUsers.ALICE.id()).get("t1")).isEqualByComparingTo("-12.34");

        plaid.syncPage(
                "c1", page(List.of(), List.of(t("t1", CHECKING, "43.21")), List.of(), "c2", false, CHECKING_JSON));
        harness.runSync(item);
        assertThat(harness.transactions(TestUsers.ALICE.id()).get("t1")).isEqualByComparingTo("-43.21");

        plaid.syncPage("c2", page(List.of(), List.of(), List.of(removed("t1", CHECKING)), "c3", false, CHECKING_JSON));
        harness.runSync(item);
        assertThat(harness.transactions(TestUsers.ALICE.id())).isEmpty();
        assertThat(cursor()).isEqualTo("c3");
    }

    @Test
    void aMutationDuringPaginationRestartsFromTheFirstCursorAndAppliesNothingTwice() throws Exception {
        plaid.syncPage("c0", page(List.of(), List.of(), List.of(), "c0", false, CHECKING_JSON));
        plaid.syncPage(
                null, page(List.of(t("t0", CHECKING, "1.00")), List.of(), List.of(), "c0", false, CHECKING_JSON));
        harness.runSync(item);
        plaid.server().resetRequests();

        plaid.syncPage(
                "c0", page(List.of(t("t1", CHECKING, "10.00")), List.of(), List.of(), "c1", true, CHECKING_JSON));
        plaid.syncPageAfter(
                "c1",
                PlaidFake.error(
                        400,
                        "TRANSACTIONS_ERROR",
                        "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
                        "Underlying transaction data changed since last page was fetched. Please restart pagination"
                                + " from last update.",
                        null),
                page(
                        List.of(t("t2", CHECKING, "20.00")),
                        List.of(t("t1", CHECKING, "11.00")),
                        List.of(),
                        "c2",
                        false,
                        CHECKING_JSON));

        harness.runSync(item);

        assertThat(harness.transactions(TestUsers.ALICE.id()))
                .containsOnlyKeys("t0", "t1", "t2")
                .hasEntrySatisfying("t1", amount -> assertThat(amount).isEqualByComparingTo("-11.00"));
        assertThat(DB.count("transactions")).isEqualTo(3);
        assertThat(cursor()).isEqualTo("c2");
        assertThat(plaid.requests("/transactions/sync").stream()
                        .filter(r -> r.getBodyAsString().contains("\"cursor\":\"c0\"")))
                .as("the pagination restarted from the cursor the sync began with")
                .hasSize(2);
    }

    @Test
    void ofTwoSyncsAtOnceOneAppliesAndTheOtherFindsTheCursorMovedAndAppliesNothing() throws Exception {
        plaid.server()
                .stubFor(plaid.syncFrom(null)
                        .willReturn(PlaidFake.json(
                                        200,
                                        page(
                                                List.of(t("t1", CHECKING, "10.00")),
                                                List.of(),
                                                List.of(),
                                                "c1",
                                                false,
                                                CHECKING_JSON))
                                .withFixedDelay(1000)));
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger syncLog = (Logger) LoggerFactory.getLogger(PlaidSync.class);
        logged.start();
        syncLog.addAppender(logged);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    harness.context.jobs().run(SyncJobs.TYPE, SyncJobs.dailyKey(item));
                    return null;
                }));
            }
            start.countDown();
            for (Future<Object> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            syncLog.detachAppender(logged);
        }

        assertThat(plaid.requests("/transactions/sync")).hasSize(2);
        assertThat(logged.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.contains("sync SYNCED: 1 transactions added or changed"))
                .anyMatch(line -> line.contains("sync SUPERSEDED: 0 transactions"));
        assertThat(harness.transactions(TestUsers.ALICE.id())).containsOnlyKeys("t1");
        assertThat(cursor()).isEqualTo("c1");
    }

    @Test
    void aRateLimitIsRetriedByTheHostWithTheSameIdempotencyKey() throws Exception {
        plaid.syncPageAfter(
                null,
                PlaidFake.error(429, "RATE_LIMIT_EXCEEDED", "TRANSACTIONS_SYNC_LIMIT", "rate limit exceeded", null),
                page(List.of(t("t1", CHECKING, "9.99")), List.of(), List.of(), "c1", false, CHECKING_JSON));

        harness.runSync(item);

        assertThat(harness.transactions(TestUsers.ALICE.id())).containsOnlyKeys("t1");
        List<LoggedRequest> calls = plaid.requests("/transactions/sync");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).getHeader("Idempotency-Key"))
                .isEqualTo(calls.get(1).getHeader("Idempotency-Key"));
    }

    @Test
    void a503IsRetriedByTheHostWithinTheRun() throws Exception {
        plaid.syncPageAfter(
                null,
                PlaidFake.error(503, "API_ERROR", "PLANNED_MAINTENANCE", "maintenance", null),
                page(List.of(t("t1", CHECKING, "9.99")), List.of(), List.of(), "c1", false, CHECKING_JSON));

        harness.runSync(item);

        assertThat(harness.transactions(TestUsers.ALICE.id())).containsOnlyKeys("t1");
        assertThat(plaid.requests("/transactions/sync")).hasSize(2);
    }

    @Test
    void a500FailsTheRunWhichTheJobRetriesThenSucceedsFromTheSameCursor() throws Exception {
        plaid.syncPageAfter(
                null,
                PlaidFake.error(500, "API_ERROR", "INTERNAL_SERVER_ERROR", "an unexpected error occurred", null),
                page(List.of(t("t1", CHECKING, "9.99")), List.of(), List.of(), "c1", false, CHECKING_JSON));

        assertThatThrownBy(() -> harness.runSync(item))
                .isInstanceOf(PlaidApiException.class)
                .hasMessageContaining("INTERNAL_SERVER_ERROR");
        assertThat(harness.transactions(TestUsers.ALICE.id())).isEmpty();
        assertThat(cursor()).isNull();

        harness.runSync(item);

        assertThat(harness.transactions(TestUsers.ALICE.id())).containsOnlyKeys("t1");
        assertThat(cursor()).isEqualTo("c1");
    }

    @Test
    void itemLoginRequiredMarksTheItemAndStopsSyncingUntilRepaired() throws Exception {
        plaid.server()
                .stubFor(plaid.syncFrom(null)
                        .willReturn(PlaidFake.error(
                                400,
                                "ITEM_ERROR",
                                "ITEM_LOGIN_REQUIRED",
                                "the login details of this item have changed",
                                "Your bank needs you to log in again.")));

        harness.runSync(item);
        harness.runSync(item);

        assertThat(plaid.requests("/transactions/sync")).hasSize(1);
        harness.as(TestUsers.ALICE.id());
        ItemView shown = harness.items().get(TestUsers.ALICE, item.toString());
        assertThat(shown.status()).isEqualTo("login_required");
        assertThat(shown.needsReauth()).isTrue();
        assertThat(shown.errorCode()).isEqualTo("ITEM_LOGIN_REQUIRED");
        assertThat(failsWith(409, () -> harness.items().sync(TestUsers.ALICE, item.toString()))
                        .detail())
                .isEqualTo("Your bank needs you to log in again.");
    }

    @Test
    void transactionsWithoutAnIsoCurrencyAreLeftOutAndCounted() throws Exception {
        plaid.syncPage(
                null,
                page(
                        List.of(
                                t("t1", CHECKING, "1.00"),
                                transaction("btc", CHECKING, "0.0004", "null", "2026-11-20", "BTC", null)),
                        List.of(),
                        List.of(),
                        "c1",
                        false,
                        CHECKING_JSON));

        harness.runSync(item);

        assertThat(harness.transactions(TestUsers.ALICE.id())).containsOnlyKeys("t1");
        harness.as(TestUsers.ALICE.id());
        assertThat(harness.items().get(TestUsers.ALICE, item.toString()).skippedTransactions())
                .isEqualTo(1);
    }

    @Test
    void aRefusalThatRetryingCannotFixIsShownOnTheItem() throws Exception {
        plaid.server()
                .stubFor(plaid.syncFrom(null)
                        .willReturn(PlaidFake.error(
                                400,
                                "INVALID_INPUT",
                                "INVALID_ACCESS_TOKEN",
                                "could not find matching access token",
                                null)));

        harness.runSync(item);

        harness.as(TestUsers.ALICE.id());
        ItemView shown = harness.items().get(TestUsers.ALICE, item.toString());
        assertThat(shown.status()).isEqualTo("error");
        assertThat(shown.errorCode()).isEqualTo("INVALID_ACCESS_TOKEN");
    }

    @Test
    void theAccountsBalancesAreUpdatedBySync() throws Exception {
        plaid.syncPage(
                null,
                page(
                        List.of(t("t1", CHECKING, "1.00")),
                        List.of(),
                        List.of(),
                        "c1",
                        false,
                        account(CHECKING, "Plaid Checking", "99.99", "88.88", "USD")));

        harness.runSync(item);

        Map<String, Object> checking = harness.rows(
                        "SELECT * FROM accounts WHERE source = 'plaid' AND external_id = '" + CHECKING + "'")
                .get(0);
        assertThat(checking.values())
                .anySatisfy(value -> assertThat(value)
                        .isInstanceOfSatisfying(
                                BigDecimal.class, v -> assertThat(v).isEqualByComparingTo(dec("99.99"))));
    }

    private String cursor() {
        return DB.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT sync_cursor FROM plaid_items WHERE id = :id")
                        .bind("id", item)
                        .mapTo(String.class)
                        .one());
    }

    private static String t(String id, String account, String amount) {
        return transaction(id, account, amount, "2026-11-24", "PURCHASE " + id, "Merchant " + id);
    }
}
