package io.metacortex.finance.internal;

import io.metacortex.plugin.api.User;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestPluginContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The plugin's parts as {@code FinancePlugin} wires them, on a test class's database, connecting as the plugin's role
 * with {@code app.user_id} set to the user the test acts as ({@link #as}).
 */
final class FinanceHarness {

    final TestPluginContext context;
    final Clock clock = Clock.systemUTC();
    final Ledger ledger;
    final AccountService accounts;

    FinanceHarness(PluginDatabaseExtension db) {
        this.context = TestPluginContext.of(db.database());
        this.ledger = new Ledger(context.jdbi(), new Alerts(context.events()), clock);
        this.accounts = new AccountService(context.jdbi(), clock);
    }

    /** @return this harness acting for {@code user}, as the host does in that user's request */
    FinanceHarness as(User user) {
        context.actAs(user.id());
        return this;
    }

    /** @return the id of a new manual account of the current user */
    long account(String currency) {
        return accounts.create(currentUser(), new AccountRequest("Account " + currency, currency, "checking", null))
                .id();
    }

    UUID currentUser() {
        return context.jdbi()
                .withHandle(h -> h.createQuery("SELECT current_setting('app.user_id', true)")
                        .mapTo(String.class)
                        .one())
                .transform(UUID::fromString);
    }

    static ImportedTransaction tx(String externalId, String amount, String date, String description) {
        return ImportedTransaction.booked(externalId, new BigDecimal(amount), LocalDate.parse(date), description, null);
    }
}
