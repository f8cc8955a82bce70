package io.metacortex.finance;

import io.metacortex.finance.internal.AccountResource;
import io.metacortex.finance.internal.AccountService;
import io.metacortex.finance.internal.Alerts;
import io.metacortex.finance.internal.Ledger;
import io.metacortex.finance.internal.plaid.PlaidModule;
import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.support.DatabaseHealthCheck;
import java.time.Clock;

/**
 * The finance plugin: accounts, transactions, statement imports, categories, rules, budgets and reports under {@code
 * /api/finance}, backed by the {@code plugin_finance} schema. Every imported transaction goes through one {@link
 * Ledger}; alerts are durable events ({@link Alerts}).
 */
public final class FinancePlugin implements Plugin {

    @Override
    public void start(PluginContext context) {
        Clock clock = Clock.systemUTC();
        Ledger ledger = new Ledger(context.jdbi(), new Alerts(context.events()), clock);
        context.registerResource(new AccountResource(new AccountService(context.jdbi(), clock)));
        PlaidModule.start(context, ledger, clock);
        context.registerResource(new ApiExceptionMapper());
        context.registerHealthCheck("database", new DatabaseHealthCheck(context.jdbi(), "finance"));
    }
}
