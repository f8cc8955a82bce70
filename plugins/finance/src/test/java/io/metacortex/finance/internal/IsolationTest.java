package io.metacortex.finance.internal;

import static io.metacortex.finance.internal.FinanceHarness.tx;
import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.finance.FinancePlugin;
import io.metacortex.finance.internal.ImportService.CsvRequest;
import io.metacortex.finance.internal.statement.CsvMapping;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-user isolation on every route: Bob, acting in his own request (so under row-level security as himself), gets
 * 404 for each of Alice's objects, sees none of them in lists, and changes nothing.
 */
class IsolationTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("finance", FinancePlugin.class);

    private FinanceHarness finance;
    private String account;
    private String transaction;
    private String category;
    private String rule;
    private String budget;
    private String threshold;

    @BeforeEach
    void alicesData() {
        finance = new FinanceHarness(DB);
        long acc = finance.account(ALICE, "EUR");
        account = Long.toString(acc);
        long cat = finance.category(ALICE, "Alice's");
        category = Long.toString(cat);
        finance.ledger.apply(ALICE.id(), acc, LedgerBatch.of(List.of(tx("A1", "-5.00", "2026-11-01", "Market"))));
        transaction = Long.toString(DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT id FROM transactions")
                        .mapTo(Long.class)
                        .one()));
        rule = Long.toString(((Rule) finance.rules()
                        .create(
                                ALICE,
                                new RuleRequests.RuleRequest("description", "contains", "x", cat, 0),
                                FinanceHarness.uri("x"))
                        .getEntity())
                .id());
        budget = Long.toString(((BudgetStatus) finance.budgets()
                        .create(
                                ALICE,
                                new BudgetService.BudgetRequest("2026-11", cat, "EUR", "10", false),
                                FinanceHarness.uri("x"))
                        .getEntity())
                .id());
        threshold = Long.toString(finance.thresholds()
                .put(ALICE, new AlertThresholds.ThresholdRequest("low_balance", acc, null, "1"))
                .id());
        finance.as(BOB);
    }

    @Test
    void everyRouteAnswers404ForAnotherUsersObject() {
        byte[] ofx = ImportTest.ofx("bank-statement-v2.ofx");
        CsvRequest csv = new CsvRequest(
                "Date,Amount,Text\n2026-11-01,1,x\n",
                new CsvMapping("Date", "Amount", null, null, "Text", null, null, null, null, null));

        failsWith(404, () -> finance.accounts().get(BOB, account));
        failsWith(404, () -> finance.accounts().update(BOB, account, new AccountRequest("Mine", null, null, "1")));
        failsWith(404, () -> finance.accounts().delete(BOB, account));
        failsWith(404, () -> finance.imports().ofx(BOB, account, ofx));
        failsWith(404, () -> finance.imports().csvPreview(BOB, account, csv));
        failsWith(404, () -> finance.imports().csv(BOB, account, csv));
        failsWith(404, () -> finance.transactions().get(BOB, transaction));
        failsWith(
                404,
                () -> finance.transactions()
                        .setCategory(BOB, transaction, new TransactionService.CategoryChange(null)));
        failsWith(
                404,
                () -> finance.transactions()
                        .putSplits(BOB, transaction, new TransactionService.SplitsRequest(List.of())));
        failsWith(404, () -> finance.categories().get(BOB, category));
        failsWith(
                404,
                () -> finance.categories().rename(BOB, category, new CategoryService.CategoryRequest("Bob's now")));
        failsWith(404, () -> finance.categories().delete(BOB, category));
        failsWith(404, () -> finance.rules().get(BOB, rule));
        failsWith(
                404,
                () -> finance.rules()
                        .update(BOB, rule, new RuleRequests.RuleRequest("merchant", "contains", "y", 1L, 0)));
        failsWith(404, () -> finance.rules().delete(BOB, rule));
        failsWith(404, () -> finance.budgets().get(BOB, budget));
        failsWith(
                404,
                () -> finance.budgets()
                        .update(BOB, budget, new BudgetService.BudgetRequest(null, null, null, "1", null)));
        failsWith(404, () -> finance.budgets().delete(BOB, budget));
        failsWith(404, () -> finance.thresholds().delete(BOB, threshold));
        failsWith(404, () -> finance.accounts().get(BOB, "not-an-id"));

        assertThat(DB.count("accounts")).isEqualTo(1);
        assertThat(DB.count("transactions")).isEqualTo(1);
        assertThat(DB.count("categories")).isEqualTo(1);
        assertThat(DB.count("rules")).isEqualTo(1);
        assertThat(DB.count("budgets")).isEqualTo(1);
        assertThat(DB.count("alert_thresholds")).isEqualTo(1);
    }

    @Test
    void listsAndReportsShowOnlyOnesOwn() {
        assertThat(finance.accounts().list(BOB, FinanceHarness.page(null, null)).items())
                .isEmpty();
        assertThat(finance.transactions()
                        .list(BOB, null, null, null, null, null, null)
                        .items())
                .isEmpty();
        assertThat(finance.transactions()
                        .list(BOB, account, null, null, null, null, null)
                        .items())
                .isEmpty();
        assertThat(finance.categories()
                        .list(BOB, FinanceHarness.page(null, null))
                        .items())
                .isEmpty();
        assertThat(finance.rules().list(BOB).items()).isEmpty();
        assertThat(finance.budgets().ofMonth(BOB, "2026-11").items()).isEmpty();
        assertThat(finance.thresholds().list(BOB).items()).isEmpty();
        assertThat(finance.reports()
                        .spending(BOB, "2026-01-01", "2026-12-31", "month")
                        .currencies())
                .isEmpty();
        assertThat(finance.rules().apply(BOB).categorised()).isZero();
    }

    @Test
    void anotherUsersCategoryCannotBeUsed() {
        long bobs = finance.account(BOB, "EUR");
        finance.ledger.apply(BOB.id(), bobs, LedgerBatch.of(List.of(tx("B1", "-5.00", "2026-11-01", "x"))));
        long cat = Long.parseLong(category);

        failsWith(
                422,
                () -> finance.rules()
                        .create(
                                BOB,
                                new RuleRequests.RuleRequest("description", "contains", "x", cat, 0),
                                FinanceHarness.uri("rules")));
        failsWith(
                422,
                () -> finance.budgets()
                        .create(
                                BOB,
                                new BudgetService.BudgetRequest("2026-11", cat, "EUR", "1", null),
                                FinanceHarness.uri("rules")));
    }
}
