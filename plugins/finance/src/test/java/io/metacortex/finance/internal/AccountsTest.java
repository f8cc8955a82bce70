package io.metacortex.finance.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.finance.FinancePlugin;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Manual accounts through their routes, and imported accounts through the ledger. */
class AccountsTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("finance", FinancePlugin.class);

    private FinanceHarness finance;

    @BeforeEach
    void harness() {
        finance = new FinanceHarness(DB).as(ALICE);
    }

    @Test
    void createReadChangeAndDelete() {
        Response created = finance.accounts()
                .create(ALICE, new AccountRequest(" Wallet ", "jpy", "CASH", "1200"), FinanceHarness.uri("accounts"));
        Account account = (Account) created.getEntity();

        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.getLocation()).hasToString("http://localhost/api/finance/accounts/" + account.id());
        assertThat(account.name()).isEqualTo("Wallet");
        assertThat(account.currency()).isEqualTo("JPY");
        assertThat(account.kind()).isEqualTo("cash");
        assertThat(account.source()).isEqualTo("manual");
        assertThat(account.currentBalance()).hasToString("1200");
        assertThat(account.balanceAsOf()).isNotNull();

        String id = Long.toString(account.id());
        Account changed = finance.accounts().update(ALICE, id, new AccountRequest("Purse", "JPY", null, "900.5"));
        assertThat(changed.name()).isEqualTo("Purse");
        assertThat(changed.kind()).isEqualTo("cash");
        assertThat(changed.currentBalance()).hasToString("900.5");
        assertThat(finance.accounts()
                        .update(ALICE, id, new AccountRequest(null, null, "savings", null))
                        .kind())
                .isEqualTo("savings");

        ApiError currency =
                failsWith(422, () -> finance.accounts().update(ALICE, id, new AccountRequest(null, "EUR", null, null)));
        assertThat(currency.fields()).containsOnlyKeys("currency");
        failsWith(422, () -> finance.accounts().update(ALICE, id, null));

        finance.accounts().delete(ALICE, id);
        failsWith(404, () -> finance.accounts().get(ALICE, id));
    }

    @Test
    void invalidAccountsNameEachField() {
        ApiError error = failsWith(
                422,
                () -> finance.accounts()
                        .create(
                                ALICE,
                                new AccountRequest("", "EURO", "piggybank", "1.23456"),
                                FinanceHarness.uri("a")));

        assertThat(error.fields()).containsOnlyKeys("name", "currency", "kind", "balance");
        failsWith(422, () -> finance.accounts().create(ALICE, null, FinanceHarness.uri("a")));
        assertThat(failsWith(
                                422,
                                () -> finance.accounts()
                                        .create(
                                                ALICE,
                                                new AccountRequest("x", "XXY", null, " "),
                                                FinanceHarness.uri("a")))
                        .fields())
                .containsOnlyKeys("currency", "balance");
        assertThat(DB.count("accounts")).isZero();
    }

    @Test
    void listsArePagedInIdOrder() {
        for (int i = 0; i < 3; i++) {
            finance.account(ALICE, "EUR");
        }

        Page<Account> first = finance.accounts().list(ALICE, FinanceHarness.page("2", null));
        Page<Account> second = finance.accounts().list(ALICE, FinanceHarness.page("2", first.nextCursor()));

        assertThat(first.items()).hasSize(2);
        assertThat(second.items()).hasSize(1);
        assertThat(second.nextCursor()).isNull();
        failsWith(400, () -> finance.accounts().list(ALICE, FinanceHarness.page("500", "x")));
    }

    @Test
    void importedAccountsAreFoundAgainBySourceAndExternalId() {
        UUID item = UUID.randomUUID();
        Account plaid = finance.ledger.account(
                ALICE.id(), new ExternalAccount("plaid", "acc-1", "Plaid Checking", "USD", "checking", item));
        Account again = finance.ledger.account(
                ALICE.id(), new ExternalAccount("plaid", "acc-1", "Renamed at Plaid", "USD", "checking", null));

        assertThat(again.id()).isEqualTo(plaid.id());
        assertThat(again.name()).isEqualTo("Plaid Checking");
        assertThat(again.plaidItemId()).isEqualTo(item);
        assertThat(again.source()).isEqualTo("plaid");
        assertThatThrownBy(() -> new ExternalAccount("manual", "x", "n", "USD", "checking", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExternalAccount("ofx", "x", "n", "USD", "boat", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExternalAccount("ofx", "x", "n", "ABC", "checking", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(finance.accounts()
                        .list(ALICE, FinanceHarness.page(null, null))
                        .items())
                .hasSize(1);
    }

    @Test
    void importedTransactionsAreCheckedAndTrimmed() {
        assertThatThrownBy(() -> FinanceHarness.tx("", "1", "2026-01-01", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FinanceHarness.tx("a", "1.00001", "2026-01-01", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        ImportedTransaction t = new ImportedTransaction(
                "a", java.math.BigDecimal.ONE, java.time.LocalDate.EPOCH, "d".repeat(1200), "  ", true);
        assertThat(t.description()).hasSize(1000);
        assertThat(t.merchant()).isNull();
        assertThatThrownBy(() -> new Balance(new java.math.BigDecimal("0.00001"), null, java.time.Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LedgerBatch.of(List.of()).removedExternalIds()).isEmpty();
    }
}
