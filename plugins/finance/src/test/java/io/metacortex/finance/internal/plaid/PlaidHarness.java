package io.metacortex.finance.internal.plaid;

import io.metacortex.finance.FinancePlugin;
import io.metacortex.outbound.OutboundPolicy;
import io.metacortex.plugin.api.PluginPermissions;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestPluginContext;
import io.metacortex.plugin.testing.TestUsers;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The finance plugin started as the host starts it (its own role, row-level security, secrets and outbound HTTP
 * granted, {@code plugins.settings.finance} pointing at a {@link PlaidFake}), with the Plaid routes it registered.
 */
final class PlaidHarness {

    final PlaidFake plaid = new PlaidFake();
    final TestPluginContext context;
    final FinancePlugin plugin = new FinancePlugin();
    final PluginDatabaseExtension db;

    PlaidHarness(PluginDatabaseExtension db) throws Exception {
        this.db = db;
        this.context = TestPluginContext.of(db.database())
                .configuration(plaid.settings())
                .grant(PluginPermissions.SECRETS)
                .allowHosts("127.0.0.1")
                .withUsers(TestUsers.ALICE, TestUsers.BOB)
                .outboundPolicy(OutboundPolicy.builder()
                        .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                        .build());
        try {
            context.start(plugin);
        } catch (Exception | Error e) {
            plaid.close();
            throw e;
        }
    }

    PlaidItemResource items() {
        return resource(PlaidItemResource.class);
    }

    LinkTokenResource linkTokens() {
        return resource(LinkTokenResource.class);
    }

    PlaidWebhookResource webhooks() {
        return resource(PlaidWebhookResource.class);
    }

    <T> T resource(Class<T> type) {
        return context.resources().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError(type.getSimpleName() + " is not registered"));
    }

    /** Acts as {@code user} (its connections carry it as app.user_id), as the host does for a request. */
    PlaidHarness as(UUID user) {
        context.actAs(user);
        return this;
    }

    /** Links the fake's item for {@code user}, its accounts answering {@code accounts}. @return the item's id */
    UUID link(User user, String... accounts) {
        plaid.publicTokenExchanged();
        plaid.accounts(accounts);
        as(user.id());
        PlaidItems.LinkedItem linked = (PlaidItems.LinkedItem)
                items().link(user, new LinkRequest(PlaidFake.PUBLIC_TOKEN, "First Platypus Bank"))
                        .getEntity();
        return linked.item().id();
    }

    /** Runs the item's waiting sync job (the daily one, or the one on demand), outside any request. */
    void runSync(UUID itemId) throws Exception {
        context.actAs(null);
        String key = context.jobs().find(SyncJobs.TYPE, SyncJobs.nowKey(itemId)).isPresent()
                ? SyncJobs.nowKey(itemId)
                : SyncJobs.dailyKey(itemId);
        context.jobs().run(SyncJobs.TYPE, key);
    }

    /** The ledger's transactions of the user's Plaid accounts: external id to amount (superuser view). */
    Map<String, BigDecimal> transactions(UUID user) {
        return db.jdbi()
                .withHandle(handle -> handle.createQuery("""
                        SELECT t.external_id, t.amount FROM transactions t
                        JOIN accounts a ON a.id = t.account_id
                        WHERE t.user_id = :user AND a.source = 'plaid'""")
                        .bind("user", user)
                        .setMapKeyColumn("external_id")
                        .setMapValueColumn("amount")
                        .collectInto(new org.jdbi.v3.core.generic.GenericType<Map<String, BigDecimal>>() {}));
    }

    List<Map<String, Object>> rows(String sql) {
        return db.jdbi().withHandle(handle -> handle.createQuery(sql).mapToMap().list());
    }

    /** Stops the plugin and the fake. */
    void close() throws Exception {
        try {
            context.stop(plugin);
        } finally {
            plaid.close();
        }
    }
}
