package io.metacortex.finance.internal;

import io.metacortex.finance.FinancePlugin;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.PageQuery;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestPluginContext;
import io.metacortex.plugin.testing.TestUriInfo;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The plugin as {@link FinancePlugin#start} wires it, on a test class's database: its resources, connecting as the
 * plugin's role with {@code app.user_id} set to the user the test acts as ({@link #as}), and its published events.
 */
final class FinanceHarness {

    final TestPluginContext context;
    final Clock clock = Clock.systemUTC();
    final Ledger ledger;
    final AccountService accounts;

    FinanceHarness(PluginDatabaseExtension db) {
        this.context = TestPluginContext.of(db.database());
        try {
            context.start(new FinancePlugin());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        this.ledger = new Ledger(context.jdbi(), new Alerts(context.events()), clock);
        this.accounts = new AccountService(context.jdbi(), clock);
    }

    /** @return this harness acting for {@code user}, as the host does in that user's request */
    FinanceHarness as(User user) {
        context.actAs(user.id());
        return this;
    }

    <T> T resource(Class<T> type) {
        return context.resources().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow();
    }

    AccountResource accounts() {
        return resource(AccountResource.class);
    }

    ImportResource imports() {
        return resource(ImportResource.class);
    }

    TransactionResource transactions() {
        return resource(TransactionResource.class);
    }

    CategoryResource categories() {
        return resource(CategoryResource.class);
    }

    RuleResource rules() {
        return resource(RuleResource.class);
    }

    BudgetResource budgets() {
        return resource(BudgetResource.class);
    }

    ReportResource reports() {
        return resource(ReportResource.class);
    }

    AlertThresholdResource thresholds() {
        return resource(AlertThresholdResource.class);
    }

    static UriInfo uri(String path) {
        return TestUriInfo.at("http://localhost/api/finance/" + path);
    }

    static PageQuery page(String limit, String cursor) {
        return PageQuery.of(limit, cursor);
    }

    /** @return the id of a new manual account of {@code user} */
    long account(User user, String currency) {
        as(user);
        return ((Account) accounts()
                        .create(
                                user,
                                new AccountRequest("Account " + currency, currency, "checking", null),
                                uri("accounts"))
                        .getEntity())
                .id();
    }

    /** @return the id of a new category of {@code user} (the tests' database reset removes the default ones) */
    long category(User user, String name) {
        as(user);
        return ((Category) categories()
                        .create(user, new CategoryService.CategoryRequest(name), uri("categories"))
                        .getEntity())
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
