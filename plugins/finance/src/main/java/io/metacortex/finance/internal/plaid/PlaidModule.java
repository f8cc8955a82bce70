package io.metacortex.finance.internal.plaid;

import io.metacortex.finance.internal.Ledger;
import io.metacortex.plugin.api.PluginContext;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires the Plaid part of the finance plugin during {@code Plugin.start}: its routes, its webhook, its sync job type.
 * Without {@code plaid.clientId} and {@code plaid.secret} in {@code plugins.settings.finance}, the routes answer 503
 * and no Plaid call is made (the job type is still registered, so that waiting jobs are not reported as orphans).
 */
public final class PlaidModule {

    private PlaidModule() {}

    /** Registers the Plaid resources and job type, writing through {@code ledger}. */
    public static void start(PluginContext context, Ledger core, Clock clock) {
        PlaidLedger ledger = new LedgerPlaidLedger(core, clock);
        Optional<PlaidConfig> config = PlaidConfig.from(context.configuration());
        Jdbi jdbi = context.jdbi();
        Optional<PlaidItems> items = Optional.empty();
        Optional<PlaidWebhooks> webhooks = Optional.empty();
        if (config.isPresent()) {
            PlaidClient client = new PlaidClient(context.http(), config.get());
            SyncJobs jobs = new SyncJobs(context.jobs());
            PlaidSync sync = new PlaidSync(jdbi, context::secrets, client, ledger, clock);
            SyncJobs.register(context.jobs(), sync);
            items = Optional.of(new PlaidItems(jdbi, context::secrets, client, ledger, jobs, clock));
            WebhookVerifier verifier =
                    new WebhookVerifier(new WebhookKeys(client::webhookVerificationKey, clock), clock);
            webhooks = Optional.of(new PlaidWebhooks(verifier, jdbi, jobs));
        } else {
            context.jobs().register(SyncJobs.TYPE, SyncJobs.SyncRequest.class, job -> {});
        }
        context.registerResource(new LinkTokenResource(items));
        context.registerResource(new PlaidItemResource(items));
        context.registerResource(new PlaidWebhookResource(webhooks));
    }
}
