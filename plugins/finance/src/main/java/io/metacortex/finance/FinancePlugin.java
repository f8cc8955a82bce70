package io.metacortex.finance;

import io.metacortex.finance.internal.AccountResource;
import io.metacortex.finance.internal.AccountService;
import io.metacortex.finance.internal.AlertThresholdResource;
import io.metacortex.finance.internal.AlertThresholds;
import io.metacortex.finance.internal.Alerts;
import io.metacortex.finance.internal.BudgetResource;
import io.metacortex.finance.internal.BudgetService;
import io.metacortex.finance.internal.CategoryResource;
import io.metacortex.finance.internal.CategoryService;
import io.metacortex.finance.internal.ImportResource;
import io.metacortex.finance.internal.ImportService;
import io.metacortex.finance.internal.Ledger;
import io.metacortex.finance.internal.ReportResource;
import io.metacortex.finance.internal.RuleResource;
import io.metacortex.finance.internal.RuleService;
import io.metacortex.finance.internal.SpendingReport;
import io.metacortex.finance.internal.TransactionResource;
import io.metacortex.finance.internal.TransactionService;
import io.metacortex.finance.internal.plaid.PlaidModule;
import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.support.DatabaseHealthCheck;
import java.time.Clock;

/**
 * The finance plugin: accounts, transactions, statement imports, categories, rules, budgets, reports and alert
 * thresholds under {@code /api/finance}, backed by the {@code plugin_finance} schema. Every imported transaction goes
 * through one {@link Ledger}; alerts are durable events ({@link Alerts}).
 */
public final class FinancePlugin implements Plugin {

    @Override
    public void start(PluginContext context) {
        Clock clock = Clock.systemUTC();
        Alerts alerts = new Alerts(context.events());
        Ledger ledger = new Ledger(context.jdbi(), alerts, clock);
        AccountService accounts = new AccountService(context.jdbi(), clock);
        context.registerResource(new AccountResource(accounts));
        context.registerResource(new ImportResource(new ImportService(accounts, ledger)));
        context.registerResource(new TransactionResource(new TransactionService(context.jdbi(), alerts)));
        context.registerResource(new CategoryResource(new CategoryService(context.jdbi())));
        context.registerResource(new RuleResource(new RuleService(context.jdbi())));
        context.registerResource(new BudgetResource(new BudgetService(context.jdbi(), alerts)));
        context.registerResource(new ReportResource(new SpendingReport(context.jdbi())));
        context.registerResource(new AlertThresholdResource(new AlertThresholds(context.jdbi(), alerts)));
        PlaidModule.start(context, ledger, clock);
        context.registerResource(new ApiExceptionMapper());
        context.registerHealthCheck("database", new DatabaseHealthCheck(context.jdbi(), "transactions"));
    }
}
