package io.metacortex.finance.internal;

import static io.metacortex.finance.internal.FinanceHarness.tx;
import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.finance.FinancePlugin;
import io.metacortex.finance.internal.TransactionService.CategoryChange;
import io.metacortex.finance.internal.TransactionService.SplitRequest;
import io.metacortex.finance.internal.TransactionService.SplitsRequest;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The transaction routes: filters, cursor paging, category and splits. */
class TransactionsTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("finance", FinancePlugin.class);

    private FinanceHarness finance;
    private long checking;
    private long savings;
    private long groceries;

    @BeforeEach
    void transactions() {
        finance = new FinanceHarness(DB);
        checking = finance.account(ALICE, "EUR");
        savings = finance.account(ALICE, "EUR");
        groceries = finance.category(ALICE, "Groceries");
        finance.ledger.apply(
                ALICE.id(),
                checking,
                LedgerBatch.of(List.of(
                        tx("C1", "-10.00", "2026-11-01", "Market"),
                        tx("C2", "-20.00", "2026-11-02", "Market"),
                        tx("C3", "-30.00", "2026-11-02", "Cinema"),
                        tx("C4", "2000.00", "2026-11-30", "Salary"))));
        finance.ledger.apply(
                ALICE.id(), savings, LedgerBatch.of(List.of(tx("S1", "100.00", "2026-11-15", "Interest"))));
    }

    private List<String> page(String account, String from, String to, String category, String limit, String cursor) {
        return finance.transactions().list(ALICE, account, from, to, category, limit, cursor).items().stream()
                .map(Transaction::externalId)
                .toList();
    }

    private long id(String externalId) {
        return DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT id FROM transactions WHERE external_id = ?")
                        .bind(0, externalId)
                        .mapTo(Long.class)
                        .one());
    }

    @Test
    void newestFirstWithFilters() {
        assertThat(page(null, null, null, null, null, null)).containsExactly("C4", "S1", "C3", "C2", "C1");
        assertThat(page(Long.toString(savings), null, null, null, null, null)).containsExactly("S1");
        assertThat(page(null, "2026-11-02", "2026-11-15", null, null, null)).containsExactly("S1", "C3", "C2");

        finance.transactions().setCategory(ALICE, Long.toString(id("C1")), new CategoryChange(groceries));
        assertThat(page(null, null, null, Long.toString(groceries), null, null)).containsExactly("C1");
    }

    @Test
    void cursorPagingWalksEveryTransactionOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<Transaction> page = finance.transactions().list(ALICE, null, null, null, null, "2", cursor);
            page.items().forEach(t -> seen.add(t.externalId()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).containsExactly("C4", "S1", "C3", "C2", "C1");
    }

    @Test
    void badQueryParametersAre400NamingThem() {
        ApiError error = failsWith(
                400, () -> finance.transactions().list(ALICE, "x", "2026-13-01", "2026-01-01", "-1", "0", "nope"));

        assertThat(error.fields()).containsOnlyKeys("accountId", "from", "categoryId", "limit", "cursor");
        assertThat(failsWith(
                                400,
                                () -> finance.transactions()
                                        .list(ALICE, null, "2026-11-02", "2026-11-01", null, null, null))
                        .fields())
                .containsOnlyKeys("to");
    }

    @Test
    void amountsAreStringsWithTheCurrencysDecimals() {
        Transaction t = finance.transactions().get(ALICE, Long.toString(id("C1")));

        assertThat(t.amount()).hasToString("-10.00");
        assertThat(t.currency()).isEqualTo("EUR");
    }

    @Test
    void categoryChangesAndOnlyToOnesOwnCategories() {
        String c1 = Long.toString(id("C1"));
        long bobs = finance.category(BOB, "Bob's");
        finance.as(ALICE);

        assertThat(finance.transactions()
                        .setCategory(ALICE, c1, new CategoryChange(groceries))
                        .categoryId())
                .isEqualTo(groceries);
        assertThat(failsWith(422, () -> finance.transactions().setCategory(ALICE, c1, new CategoryChange(bobs)))
                        .fields())
                .containsOnlyKeys("categoryId");
        assertThat(finance.transactions()
                        .setCategory(ALICE, c1, new CategoryChange(null))
                        .categoryId())
                .isNull();
        failsWith(422, () -> finance.transactions().setCategory(ALICE, c1, null));
    }

    @Test
    void splitsMustAddUpExactlyInTheTransactionsCurrency() {
        String c3 = Long.toString(id("C3"));
        long fun = finance.category(ALICE, "Fun");

        Transaction split = finance.transactions()
                .putSplits(
                        ALICE,
                        c3,
                        new SplitsRequest(List.of(
                                new SplitRequest(fun, "-12.34", "EUR", "tickets"),
                                new SplitRequest(groceries, "-17.66", null, null))));
        assertThat(split.splits())
                .extracting(s -> s.categoryId() + " " + s.amount())
                .containsExactly(fun + " -12.34", groceries + " -17.66");

        ApiError off = failsWith(
                422,
                () -> finance.transactions()
                        .putSplits(
                                ALICE,
                                c3,
                                new SplitsRequest(List.of(
                                        new SplitRequest(fun, "-12.34", null, null),
                                        new SplitRequest(groceries, "-17.65", null, null)))));
        assertThat(off.fields()).containsOnlyKeys("splits");
        assertThat(off.fields().get("splits")).contains("-30.00 EUR", "-29.99");

        ApiError currency = failsWith(
                422,
                () -> finance.transactions()
                        .putSplits(
                                ALICE,
                                c3,
                                new SplitsRequest(List.of(
                                        new SplitRequest(fun, "-15", "USD", null),
                                        new SplitRequest(groceries, "-15", null, null)))));
        assertThat(currency.fields()).containsOnlyKeys("splits");

        ApiError amount = failsWith(
                422,
                () -> finance.transactions()
                        .putSplits(
                                ALICE,
                                c3,
                                new SplitsRequest(List.of(
                                        new SplitRequest(fun, "-15.001", null, null),
                                        new SplitRequest(groceries, "x", null, null)))));
        assertThat(amount.fields()).containsKeys("splits[1].amount");

        failsWith(
                422,
                () -> finance.transactions()
                        .putSplits(ALICE, c3, new SplitsRequest(List.of(new SplitRequest(fun, "-30.00", null, null)))));
        failsWith(422, () -> finance.transactions().putSplits(ALICE, c3, null));
        assertThat(finance.transactions().get(ALICE, c3).splits())
                .as("unchanged by the refusals")
                .hasSize(2);

        assertThat(finance.transactions()
                        .putSplits(ALICE, c3, new SplitsRequest(List.of()))
                        .splits())
                .isEmpty();
        assertThat(DB.count("splits")).isZero();
    }
}
