package io.metacortex.finance.internal;

import static io.metacortex.finance.internal.FinanceHarness.tx;
import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.finance.FinancePlugin;
import io.metacortex.finance.internal.AlertThresholds.ThresholdRequest;
import io.metacortex.finance.internal.BudgetService.BudgetRequest;
import io.metacortex.finance.internal.TransactionService.CategoryChange;
import io.metacortex.finance.internal.TransactionService.SplitRequest;
import io.metacortex.finance.internal.TransactionService.SplitsRequest;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Budgets with rollover, the spending report in two currencies, and the alerts as published events. */
class BudgetsReportsAlertsTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("finance", FinancePlugin.class);

    private FinanceHarness finance;
    private long eur;
    private long usd;
    private long food;
    private long fun;

    @BeforeEach
    void accounts() {
        finance = new FinanceHarness(DB);
        eur = finance.account(ALICE, "EUR");
        usd = finance.account(ALICE, "USD");
        food = finance.category(ALICE, "Food");
        fun = finance.category(ALICE, "Fun");
        finance.rules()
                .create(
                        ALICE,
                        new RuleRequests.RuleRequest("description", "contains", "market", food, 0),
                        FinanceHarness.uri("rules"));
    }

    private BudgetStatus budget(String month, String amount, boolean rollover) {
        return (BudgetStatus) finance.budgets()
                .create(ALICE, new BudgetRequest(month, food, "EUR", amount, rollover), FinanceHarness.uri("budgets"))
                .getEntity();
    }

    @Test
    void rolloverCarriesThePreviousMonthsRemainder() {
        finance.ledger.apply(
                ALICE.id(),
                eur,
                LedgerBatch.of(List.of(
                        tx("O1", "-80.00", "2026-10-10", "Market"),
                        tx("N1", "-150.00", "2026-11-05", "Market"),
                        tx("N2", "10.00", "2026-11-06", "Market refund"),
                        tx("X1", "-999.00", "2026-11-06", "Elsewhere"))));
        budget("2026-10", "100", false);
        BudgetStatus november = budget("2026-11", "100", true);

        assertThat(november.carriedOver()).hasToString("20.00");
        assertThat(november.available()).hasToString("120.00");
        assertThat(november.spent()).hasToString("140.00");
        assertThat(november.remaining()).hasToString("-20.00");

        BudgetStatus december = budget("2026-12", "50", true);
        assertThat(december.carriedOver()).hasToString("-20.00");
        assertThat(december.remaining()).hasToString("30.00");

        BudgetStatus noRollover = finance.budgets()
                .update(ALICE, Long.toString(november.id()), new BudgetRequest(null, null, null, null, false));
        assertThat(noRollover.available()).hasToString("100.00");
        assertThat(finance.budgets().ofMonth(ALICE, "2026-12").items().get(0).carriedOver())
                .hasToString("-40.00");
    }

    @Test
    void budgetRequestsAreChecked() {
        assertThat(failsWith(
                                422,
                                () -> finance.budgets()
                                        .create(ALICE, new BudgetRequest("2026-13", null, "EURO", "-1", null), null))
                        .fields())
                .containsOnlyKeys("month", "currency", "amount", "categoryId");
        budget("2026-11", "10", false);
        failsWith(409, () -> budget("2026-11", "20", false));
        failsWith(400, () -> finance.budgets().ofMonth(ALICE, "November"));
    }

    @Test
    void theSpendingReportGroupsPerCurrencyByCategoryAndByMonth() {
        finance.ledger.apply(
                ALICE.id(),
                eur,
                LedgerBatch.of(List.of(
                        tx("E1", "-10.00", "2026-10-30", "Market"),
                        tx("E2", "-30.00", "2026-11-02", "Cinema and market"),
                        tx("E3", "500.00", "2026-11-03", "Salary"))));
        finance.ledger.apply(ALICE.id(), usd, LedgerBatch.of(List.of(tx("U1", "-7.25", "2026-11-04", "Market"))));
        long e2 = DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT id FROM transactions WHERE external_id = 'E2'")
                        .mapTo(Long.class)
                        .one());
        finance.transactions()
                .putSplits(
                        ALICE,
                        Long.toString(e2),
                        new SplitsRequest(List.of(
                                new SplitRequest(fun, "-18.00", null, null),
                                new SplitRequest(food, "-12.00", null, null))));

        SpendingReport.Report byCategory = finance.reports().spending(ALICE, "2026-10-01", "2026-11-30", "category");
        assertThat(byCategory.currencies())
                .extracting(SpendingReport.CurrencyReport::currency)
                .containsExactly("EUR", "USD");
        assertThat(byCategory.currencies().get(0).groups())
                .extracting(g -> g.categoryId() + " " + g.spent() + " " + g.received() + " " + g.count())
                .containsExactlyInAnyOrder(food + " 22.00 0.00 2", fun + " 18.00 0.00 1", "null 0.00 500.00 1");
        assertThat(byCategory.currencies().get(0).totals().net()).hasToString("460.00");
        assertThat(byCategory.currencies().get(1).groups())
                .extracting(g -> g.categoryId() + " " + g.spent())
                .containsExactly(food + " 7.25");

        SpendingReport.Report byMonth = finance.reports().spending(ALICE, "2026-11-01", "2026-11-30", "month");
        assertThat(byMonth.currencies().get(0).groups())
                .extracting(g -> g.month() + " " + g.spent() + " " + g.received() + " " + g.net())
                .containsExactly("2026-11 30.00 500.00 470.00");
        assertThat(byMonth.currencies().get(1).totals().spent()).hasToString("7.25");

        assertThat(failsWith(400, () -> finance.reports().spending(ALICE, null, "x", "week"))
                        .fields())
                .containsOnlyKeys("from", "to", "groupBy");
    }

    @Test
    void alertsArePublishedOncePerCrossingInTheWritingTransaction() {
        finance.thresholds().put(ALICE, new ThresholdRequest("large_transaction", null, "EUR", "500"));
        finance.accounts().update(ALICE, Long.toString(eur), new AccountRequest(null, null, null, "1000.00"));
        finance.thresholds().put(ALICE, new ThresholdRequest("low_balance", eur, null, "100"));
        budget("2026-11", "50", false);

        finance.ledger.apply(
                ALICE.id(),
                eur,
                LedgerBatch.of(List.of(
                        tx("A1", "-600.00", "2026-11-01", "Rent"), tx("A2", "-40.00", "2026-11-02", "Market"))));
        finance.ledger.apply(ALICE.id(), eur, LedgerBatch.of(List.of(tx("A3", "-400.00", "2026-11-03", "Market"))));
        finance.ledger.apply(ALICE.id(), eur, LedgerBatch.of(List.of(tx("A4", "-1.00", "2026-11-04", "Market"))));

        assertThat(finance.context.events().published(Alerts.LARGE_TRANSACTION, Alerts.LargeTransaction.class))
                .extracting(a -> a.amount() + " " + a.threshold() + " " + a.currency())
                .containsExactly("-600.00 500.00 EUR");
        assertThat(finance.context.events().published(Alerts.LOW_BALANCE, Alerts.LowBalance.class))
                .extracting(a -> a.balance() + " < " + a.threshold())
                .containsExactly("-40.00 < 100.00");
        assertThat(finance.context.events().published(Alerts.BUDGET_EXCEEDED, Alerts.BudgetExceeded.class))
                .extracting(a -> a.month() + " " + a.spent() + " of " + a.available())
                .containsExactly("2026-11 440.00 of 50.00");

        // back above the threshold re-arms the low balance alert
        finance.ledger.apply(ALICE.id(), eur, LedgerBatch.of(List.of(tx("A5", "500.00", "2026-11-05", "Pay"))));
        finance.ledger.apply(ALICE.id(), eur, LedgerBatch.of(List.of(tx("A6", "-450.00", "2026-11-06", "Car"))));
        assertThat(finance.context.events().published(Alerts.LOW_BALANCE, Alerts.LowBalance.class))
                .hasSize(2);
    }

    @Test
    void aFailedBatchPublishesNothing() {
        finance.thresholds().put(ALICE, new ThresholdRequest("large_transaction", null, "EUR", "1"));

        failsWith(
                404,
                () -> finance.ledger.apply(
                        ALICE.id(), 999_999, LedgerBatch.of(List.of(tx("Z1", "-600.00", "2026-11-01", "Rent")))));

        assertThat(finance.context.events().published()).isEmpty();
    }

    @Test
    void thresholdRequestsAreChecked() {
        assertThat(failsWith(422, () -> finance.thresholds().put(ALICE, new ThresholdRequest("loud", null, null, "1")))
                        .fields())
                .containsOnlyKeys("kind");
        assertThat(failsWith(
                                422,
                                () -> finance.thresholds()
                                        .put(ALICE, new ThresholdRequest("low_balance", 999_999L, null, "1")))
                        .fields())
                .containsOnlyKeys("accountId");
        finance.thresholds().put(ALICE, new ThresholdRequest("large_transaction", null, "usd", "10"));
        finance.thresholds().put(ALICE, new ThresholdRequest("large_transaction", null, "USD", "20"));
        assertThat(finance.thresholds().list(ALICE).items())
                .extracting(t -> t.currency() + " " + t.amount())
                .containsExactly("USD 20.00");
        finance.thresholds()
                .delete(
                        ALICE,
                        Long.toString(
                                finance.thresholds().list(ALICE).items().get(0).id()));
        assertThat(finance.thresholds().list(ALICE).items()).isEmpty();
    }

    @Test
    void changingACategoryCanExceedABudget() {
        finance.ledger.apply(ALICE.id(), eur, LedgerBatch.of(List.of(tx("B1", "-80.00", "2026-11-01", "Shoes"))));
        budget("2026-11", "50", false);
        long b1 = DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT id FROM transactions")
                        .mapTo(Long.class)
                        .one());

        finance.transactions().setCategory(ALICE, Long.toString(b1), new CategoryChange(food));

        assertThat(finance.context.events().published(Alerts.BUDGET_EXCEEDED, Alerts.BudgetExceeded.class))
                .hasSize(1);
    }
}
