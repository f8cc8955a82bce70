package io.metacortex.finance.internal;

import static io.metacortex.finance.internal.FinanceHarness.tx;
import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.finance.FinancePlugin;
import io.metacortex.finance.internal.CategoryService.CategoryRequest;
import io.metacortex.finance.internal.RuleRequests.RuleRequest;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Categories (default and own) and categorisation rules, on import and on demand. */
class CategoriesAndRulesTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("finance", FinancePlugin.class);

    private FinanceHarness finance;
    private long account;

    @BeforeEach
    void anAccount() {
        finance = new FinanceHarness(DB);
        account = finance.account(ALICE, "EUR");
    }

    private Map<String, Long> categoryByExternalId() {
        return DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT external_id, category_id FROM transactions")
                        .setMapKeyColumn("external_id")
                        .setMapValueColumn("category_id")
                        .collectInto(new org.jdbi.v3.core.generic.GenericType<Map<String, Long>>() {}));
    }

    @Test
    void theDefaultSetIsSharedAndReadOnly() {
        long shared = DB.jdbi()
                .withHandle(h -> h.createQuery("INSERT INTO categories (name) VALUES ('Groceries') RETURNING id")
                        .mapTo(Long.class)
                        .one());
        long own = finance.category(ALICE, "Hobbies");

        assertThat(finance.categories()
                        .list(ALICE, FinanceHarness.page(null, null))
                        .items())
                .extracting(c -> c.name() + " " + c.own())
                .containsExactly("Groceries false", "Hobbies true");
        failsWith(403, () -> finance.categories().rename(ALICE, Long.toString(shared), new CategoryRequest("Food")));
        failsWith(403, () -> finance.categories().delete(ALICE, Long.toString(shared)));
        failsWith(409, () -> finance.category(ALICE, "hobbies"));
        failsWith(422, () -> finance.category(ALICE, " "));
        assertThat(finance.categories()
                        .rename(ALICE, Long.toString(own), new CategoryRequest("Crafts"))
                        .name())
                .isEqualTo("Crafts");
        finance.categories().delete(ALICE, Long.toString(own));
        assertThat(finance.categories()
                        .list(ALICE, FinanceHarness.page(null, null))
                        .items())
                .hasSize(1);
    }

    @Test
    void theMigrationShipsADefaultSet() {
        // the tests' reset empties every table; a fresh schema has the defaults of V1
        try (var fresh = io.metacortex.plugin.testing.PluginDatabase.create("finance", FinancePlugin.class)) {
            assertThat(fresh.count("categories")).isEqualTo(13);
        }
    }

    @Test
    void rulesCategoriseNewTransactionsInOrderAndOnDemand() {
        long food = finance.category(ALICE, "Food");
        long coffee = finance.category(ALICE, "Coffee");
        finance.ledger.apply(ALICE.id(), account, LedgerBatch.of(List.of(tx("OLD", "-3", "2026-11-01", "Cafe X"))));
        finance.rules()
                .create(
                        ALICE,
                        new RuleRequest("description", "regex", "^caf(e|é)\\b", coffee, 0),
                        FinanceHarness.uri("rules"));
        finance.rules()
                .create(ALICE, new RuleRequest("merchant", "contains", "MARKET", food, 1), FinanceHarness.uri("rules"));

        finance.ledger.apply(
                ALICE.id(),
                account,
                LedgerBatch.of(List.of(
                        ImportedTransaction.booked(
                                "N1",
                                new java.math.BigDecimal("-5"),
                                java.time.LocalDate.parse("2026-11-02"),
                                "Cafe at the market",
                                "City Market"),
                        ImportedTransaction.booked(
                                "N2",
                                new java.math.BigDecimal("-9"),
                                java.time.LocalDate.parse("2026-11-02"),
                                "Weekly shop",
                                "Super Market"),
                        tx("N3", "-1", "2026-11-02", "Bus"))));

        Map<String, Long> categories = categoryByExternalId();
        assertThat(categories.get("N1")).as("the first matching rule wins").isEqualTo(coffee);
        assertThat(categories.get("N2")).isEqualTo(food);
        assertThat(categories.get("N3")).isNull();
        assertThat(categories.get("OLD")).as("imported before the rules").isNull();

        assertThat(finance.rules().apply(ALICE).categorised()).isEqualTo(1);
        assertThat(categoryByExternalId().get("OLD")).isEqualTo(coffee);
        assertThat(finance.rules().list(ALICE).items())
                .extracting(Rule::position)
                .containsExactly(0, 1);
    }

    @Test
    void regexRulesMustBeBounded() {
        long food = finance.category(ALICE, "Food");

        for (String pattern : List.of("(a+)+$", "(\\w*)*x", "(a|b)\\1", "[unclosed", "x".repeat(201))) {
            assertThat(failsWith(
                                    422,
                                    () -> finance.rules()
                                            .create(
                                                    ALICE,
                                                    new RuleRequest("description", "regex", pattern, food, 0),
                                                    null))
                            .fields())
                    .as(pattern)
                    .containsOnlyKeys("pattern");
        }
        assertThat(failsWith(
                                422,
                                () -> finance.rules()
                                        .create(
                                                ALICE,
                                                new RuleRequest("amount", "like", "", null, -1),
                                                FinanceHarness.uri("rules")))
                        .fields())
                .containsOnlyKeys("field", "match", "pattern", "categoryId", "position");
        Rule rule = (Rule) finance.rules()
                .create(ALICE, new RuleRequest("description", "regex", "a.*b.*c", food, 0), FinanceHarness.uri("x"))
                .getEntity();
        assertThat(finance.rules()
                        .update(ALICE, Long.toString(rule.id()), new RuleRequest("merchant", null, "shop", food, 3))
                        .match())
                .isEqualTo("contains");
        finance.rules().delete(ALICE, Long.toString(rule.id()));
        assertThat(finance.rules().list(ALICE).items()).isEmpty();
    }

    @Test
    void aPatternThatRunsOverItsBudgetMatchesNothing() {
        BoundedPattern pattern = BoundedPattern.compile("(x|xx)+y").pattern();

        assertThat(pattern).as("alternation is not refused up front").isNotNull();
        assertThat(pattern.find("x".repeat(60))).isFalse();
        assertThat(pattern.find("xxy")).isTrue();
    }
}
