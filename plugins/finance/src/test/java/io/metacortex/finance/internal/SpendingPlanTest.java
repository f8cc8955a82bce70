package io.metacortex.finance.internal;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.finance.FinancePlugin;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spending report's plan ({@link SpendingSums}): the user's lines are summed by hashing, never sorted, also when
 * the statement runs prepared (PostgreSQL's plan for any values, after five executions, guessed a few dozen lines and
 * sorted them all on disk: bench/README.md, "Finance"); and the two-step sums equal the lines summed directly.
 * Planner choices depend on statistics, so the tables are seeded as the bench seeds them, at a smaller size, with
 * another user's rows and split transactions, and analysed.
 */
class SpendingPlanTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("finance", FinancePlugin.class);

    private static final int LINES = 20_000;

    /** A plan node that sorts, and the rows it sorted. */
    private static final Pattern SORT = Pattern.compile("Sort {2}\\(cost=[^)]*\\) \\(actual time=\\S+ rows=(\\d+)");

    private FinanceHarness finance;

    @BeforeEach
    void seed() {
        finance = new FinanceHarness(DB);
        long eur = finance.account(ALICE, "EUR");
        long usd = finance.account(ALICE, "USD");
        long bobs = finance.account(BOB, "EUR");
        List<Long> categories = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            categories.add(finance.category(ALICE, "Category " + i));
        }
        String category = "(ARRAY" + categories + ")[1 + g % 13]";
        DB.jdbi().useHandle(h -> {
            // Alice: 4% inflows, a sixth uncategorised, every third in USD, two years; Bob as many in EUR
            h.execute(
                    "INSERT INTO transactions (user_id, account_id, currency, amount, booked_on, category_id)"
                            + " SELECT CAST(? AS uuid), CASE WHEN g % 3 = 2 THEN ? ELSE ? END,"
                            + " CASE WHEN g % 3 = 2 THEN 'USD' ELSE 'EUR' END,"
                            + " CASE WHEN g % 25 = 0 THEN (g % 3000) + 0.5 ELSE -((g % 20000) / 100.0 + 0.01) END,"
                            + " DATE '2025-01-01' + (g * 7919) % 730,"
                            + " CASE WHEN g % 6 <> 0 THEN " + category + " END"
                            + " FROM generate_series(1, ?) g",
                    ALICE.id().toString(),
                    usd,
                    eur,
                    LINES);
            h.execute(
                    "INSERT INTO transactions (user_id, account_id, currency, amount, booked_on, category_id)"
                            + " SELECT CAST(? AS uuid), ?, 'EUR', -1.25, DATE '2025-01-01' + g % 730, " + category
                            + " FROM generate_series(1, ?) g",
                    BOB.id().toString(),
                    bobs,
                    LINES);
            // every 50th of Alice's split in two: a categorised part and an uncategorised one, of either sign
            h.execute("""
                    INSERT INTO splits (user_id, transaction_id, category_id, amount)
                    SELECT t.user_id, t.id, p.category, CASE WHEN p.category IS NULL THEN t.amount - 3 ELSE 3 END
                      FROM transactions t,
                           (VALUES (CAST(? AS bigint)), (NULL)) p(category)
                     WHERE t.user_id = CAST(? AS uuid) AND t.id % 50 = 0""", categories.get(0), ALICE.id().toString());
            h.execute("ANALYZE transactions");
            h.execute("ANALYZE splits");
        });
    }

    @Test
    void theLinesAreHashedNeverSortedAlsoWhenPrepared() {
        for (String sql : List.of(SpendingSums.BY_CATEGORY, SpendingSums.BY_MONTH)) {
            List<String> plans = finance.as(ALICE).context.jdbi().inTransaction(h -> {
                h.execute(SpendingSums.CUSTOM_PLANS);
                h.execute("PREPARE report (uuid, date, date) AS "
                        + sql.replace(":user", "$1").replace(":from", "$2").replace(":to", "$3"));
                List<String> each = new ArrayList<>();
                for (int i = 0; i < 7; i++) { // past the five after which PostgreSQL may plan for any values
                    each.add(String.join(
                            "\n",
                            h.createQuery("EXPLAIN (ANALYZE, COSTS ON) EXECUTE report('" + ALICE.id()
                                            + "', DATE '2025-01-01', DATE '2027-01-01')")
                                    .mapTo(String.class)
                                    .list()));
                }
                h.execute("DEALLOCATE report");
                return each;
            });
            for (String plan : plans) {
                assertThat(plan).as(plan).contains("HashAggregate").doesNotContain("Disk");
                Matcher sort = SORT.matcher(plan);
                while (sort.find()) {
                    assertThat(Long.parseLong(sort.group(1))).as(plan).isLessThan(2_000);
                }
                assertThat(plan).as("the lines were read: " + plan).containsPattern("rows=\\d{4,} ");
            }
        }
    }

    @Test
    void theSumsEqualTheLinesSummedDirectly() {
        for (String groupBy : List.of("category", "month")) {
            String key = groupBy.equals("category")
                    ? "coalesce(l.category_id::text, 'null')"
                    : "to_char(l.booked_on, 'YYYY-MM')";
            List<String> expected = DB.jdbi()
                    .withHandle(h -> h.createQuery("SELECT l.currency || ' ' || " + key
                                    + " || ' ' || coalesce(sum(-l.amount) FILTER (WHERE l.amount < 0), 0.0000)"
                                    + " || ' ' || coalesce(sum(l.amount) FILTER (WHERE l.amount > 0), 0.0000)"
                                    + " || ' ' || count(*) FROM (" + SpendingLines.SQL + ") l GROUP BY l.currency, "
                                    + key + " ORDER BY 1")
                            .bind("user", ALICE.id())
                            .bind("from", LocalDate.parse("2025-01-01"))
                            .bind("to", LocalDate.parse("2027-01-01"))
                            .mapTo(String.class)
                            .list());
            List<String> actual = new ArrayList<>();
            finance.as(ALICE)
                    .reports()
                    .spending(ALICE, "2025-01-01", "2026-12-31", groupBy)
                    .currencies()
                    .forEach(c -> c.groups()
                            .forEach(g -> actual.add(c.currency() + " "
                                    + (groupBy.equals("category") ? String.valueOf(g.categoryId()) : g.month())
                                    + " " + plain(g.spent()) + " " + plain(g.received()) + " " + g.count())));
            assertThat(expected).hasSizeGreaterThan(groupBy.equals("category") ? 20 : 40);
            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** The report's amount as the database prints the NUMERIC(19,4) sums, e.g. 12.5000. */
    private static String plain(BigDecimal amount) {
        return amount.setScale(4).toPlainString();
    }
}
