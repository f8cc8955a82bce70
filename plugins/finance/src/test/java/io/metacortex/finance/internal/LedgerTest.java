package io.metacortex.finance.internal;

import static io.metacortex.finance.internal.FinanceHarness.tx;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.finance.FinancePlugin;
import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ledger against PostgreSQL, as the plugin's role under row-level security. */
class LedgerTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("finance", FinancePlugin.class);

    private FinanceHarness finance;
    private long account;

    @BeforeEach
    void anAccount() {
        finance = new FinanceHarness(DB);
        account = finance.account(ALICE, "EUR");
    }

    private List<String> rows() {
        return DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT external_id || ' ' || amount || ' ' || booked_on || ' '"
                                + " || description FROM transactions ORDER BY external_id")
                        .mapTo(String.class)
                        .list());
    }

    @Test
    void reimportingTheSameBatchAddsNothing() {
        LedgerBatch batch = LedgerBatch.of(
                List.of(tx("F1", "-12.50", "2026-11-02", "Bakery"), tx("F2", "1500.00", "2026-11-01", "Salary")));

        assertThat(finance.ledger.apply(ALICE.id(), account, batch)).isEqualTo(new LedgerResult(2, 0, 0, 0));
        assertThat(finance.ledger.apply(ALICE.id(), account, batch)).isEqualTo(new LedgerResult(0, 0, 2, 0));

        assertThat(rows()).containsExactly("F1 -12.5000 2026-11-02 Bakery", "F2 1500.0000 2026-11-01 Salary");
    }

    @Test
    void aModifiedTransactionKeepsItsCategoryAndLosesSplitsThatNoLongerAddUp() {
        finance.ledger.apply(ALICE.id(), account, LedgerBatch.of(List.of(tx("F1", "-10.00", "2026-11-02", "Shop"))));
        long id = DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT id FROM transactions")
                        .mapTo(Long.class)
                        .one());
        DB.jdbi().useHandle(h -> {
            h.execute("INSERT INTO categories (name) VALUES ('Shopping')"); // the tests' reset removed the defaults
            h.execute("UPDATE transactions SET category_id = (SELECT min(id) FROM categories)");
            h.execute(
                    "INSERT INTO splits (user_id, transaction_id, amount) VALUES (?, ?, -4), (?, ?, -6)",
                    ALICE.id(),
                    id,
                    ALICE.id(),
                    id);
        });

        LedgerResult result = finance.ledger.apply(
                ALICE.id(), account, LedgerBatch.of(List.of(tx("F1", "-11.00", "2026-11-03", "Shop"))));

        assertThat(result).isEqualTo(new LedgerResult(0, 1, 0, 0));
        assertThat(rows()).containsExactly("F1 -11.0000 2026-11-03 Shop");
        assertThat(DB.count("splits")).isZero();
        boolean categorised = DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT category_id IS NOT NULL FROM transactions")
                        .mapTo(Boolean.class)
                        .one());
        assertThat(categorised).isTrue();
    }

    @Test
    void removesByExternalIdAndIgnoresUnknownOnes() {
        finance.ledger.apply(
                ALICE.id(),
                account,
                LedgerBatch.of(List.of(tx("F1", "-1", "2026-11-01", "a"), tx("F2", "-2", "2026-11-01", "b"))));

        LedgerResult result = finance.ledger.apply(
                ALICE.id(), account, LedgerBatch.of(List.of()).withRemoved(List.of("F1", "unknown")));

        assertThat(result).isEqualTo(new LedgerResult(0, 0, 0, 1));
        assertThat(rows()).containsExactly("F2 -2.0000 2026-11-01 b");
    }

    @Test
    void theLastOfTwoEntriesWithOneExternalIdCounts() {
        finance.ledger.apply(
                ALICE.id(),
                account,
                LedgerBatch.of(List.of(tx("F1", "-1", "2026-11-01", "first"), tx("F1", "-2", "2026-11-01", "second"))));

        assertThat(rows()).containsExactly("F1 -2.0000 2026-11-01 second");
    }

    @Test
    void aBalanceMovesByTheNetOfTheChangesUnlessTheSourceReportsOne() {
        DB.jdbi()
                .useHandle(h -> h.execute(
                        "UPDATE accounts SET current_balance = 100, balance_as_of = now() WHERE id = ?", account));

        finance.ledger.apply(
                ALICE.id(),
                account,
                LedgerBatch.of(List.of(tx("F1", "-30.25", "2026-11-01", "a"), tx("F2", "10", "2026-11-01", "b"))));
        assertThat(finance.accounts.find(ALICE.id(), account).currentBalance()).isEqualByComparingTo("79.75");

        finance.ledger.apply(
                ALICE.id(),
                account,
                LedgerBatch.of(List.of(tx("F1", "-0.25", "2026-11-01", "a"))).withRemoved(List.of("F2")));
        assertThat(finance.accounts.find(ALICE.id(), account).currentBalance()).isEqualByComparingTo("99.75");

        finance.ledger.apply(
                ALICE.id(),
                account,
                LedgerBatch.of(List.of())
                        .withBalance(new Balance(new BigDecimal("5.00"), null, Instant.parse("2026-11-05T00:00:00Z"))));
        Account reported = finance.accounts.find(ALICE.id(), account);
        assertThat(reported.currentBalance()).isEqualByComparingTo("5");
        assertThat(reported.balanceAsOf()).isEqualTo(Instant.parse("2026-11-05T00:00:00Z"));
    }

    @Test
    void anotherUsersAccountIsNotFoundAndNothingIsWritten() {
        finance.as(BOB);

        assertThatThrownBy(() -> finance.ledger.apply(
                        BOB.id(), account, LedgerBatch.of(List.of(tx("F1", "-1", "2026-11-01", "x")))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.getResponse().getStatus()).isEqualTo(404));
        assertThat(DB.count("transactions")).isZero();
    }

    @Test
    void outsideARequestItWritesForTheUserItIsGiven() {
        finance.context.actAs(null); // a sync job: no request user on the connection

        LedgerResult result =
                finance.ledger.apply(ALICE.id(), account, LedgerBatch.of(List.of(tx("F1", "-1", "2026-11-01", "x"))));

        assertThat(result.added()).isEqualTo(1);
        java.util.UUID owner = DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT user_id FROM transactions")
                        .mapTo(java.util.UUID.class)
                        .one());
        assertThat(owner).isEqualTo(ALICE.id());
    }

    @Test
    void aRequestOfOneUserCannotWriteAnothersLedger() {
        assertThatThrownBy(() -> finance.ledger.apply(
                        BOB.id(), account, LedgerBatch.of(List.of(tx("F1", "-1", "2026-11-01", "x")))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tenThousandTransactionsInOneBatchAndAgainWithoutDuplicates() {
        List<ImportedTransaction> batch = new ArrayList<>();
        LocalDate day = LocalDate.parse("2026-01-01");
        for (int i = 0; i < 10_000; i++) {
            batch.add(ImportedTransaction.booked(
                    "T" + i, BigDecimal.valueOf(-(i % 500) - 1, 2), day.plusDays(i % 300), "Shop " + i, "M" + i % 7));
        }

        long started = System.nanoTime();
        LedgerResult first = finance.ledger.apply(ALICE.id(), account, LedgerBatch.of(batch));
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        LedgerResult again = finance.ledger.apply(ALICE.id(), account, LedgerBatch.of(batch));

        assertThat(first.added()).isEqualTo(10_000);
        assertThat(again).isEqualTo(new LedgerResult(0, 0, 10_000, 0));
        assertThat(DB.count("transactions")).isEqualTo(10_000);
        System.out.println("LedgerTest: 10,000 new transactions applied in " + firstMillis + " ms");
    }
}
