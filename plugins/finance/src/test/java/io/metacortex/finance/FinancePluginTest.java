package io.metacortex.finance;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.finance.internal.AccountResource;
import io.metacortex.finance.internal.AlertThresholdResource;
import io.metacortex.finance.internal.BudgetResource;
import io.metacortex.finance.internal.CategoryResource;
import io.metacortex.finance.internal.ImportResource;
import io.metacortex.finance.internal.ReportResource;
import io.metacortex.finance.internal.RuleResource;
import io.metacortex.finance.internal.TransactionResource;
import io.metacortex.finance.internal.plaid.LinkTokenResource;
import io.metacortex.finance.internal.plaid.PlaidItemResource;
import io.metacortex.finance.internal.plaid.PlaidWebhookResource;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestPluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@link FinancePlugin#start} registers. */
class FinancePluginTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("finance", FinancePlugin.class);

    @Test
    void startRegistersTheRoutesAndTheHealthCheck() throws Exception {
        TestPluginContext context = TestPluginContext.of(DB.database()).start(new FinancePlugin());

        assertThat(context.resources())
                .hasExactlyElementsOfTypes(
                        AccountResource.class,
                        ImportResource.class,
                        TransactionResource.class,
                        CategoryResource.class,
                        RuleResource.class,
                        BudgetResource.class,
                        ReportResource.class,
                        AlertThresholdResource.class,
                        LinkTokenResource.class,
                        PlaidItemResource.class,
                        PlaidWebhookResource.class,
                        ApiExceptionMapper.class);
        assertThat(context.healthChecks().get("database").execute().isHealthy()).isTrue();
    }
}
