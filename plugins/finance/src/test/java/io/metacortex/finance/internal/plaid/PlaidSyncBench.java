package io.metacortex.finance.internal.plaid;

import static io.metacortex.finance.internal.plaid.PlaidFake.CHECKING;
import static io.metacortex.finance.internal.plaid.PlaidFake.SAVINGS;
import static io.metacortex.finance.internal.plaid.PlaidFake.account;
import static io.metacortex.finance.internal.plaid.PlaidFake.page;
import static io.metacortex.finance.internal.plaid.PlaidFake.transaction;

import io.metacortex.finance.FinancePlugin;
import io.metacortex.outbound.OutboundPolicy;
import io.metacortex.plugin.api.PluginPermissions;
import io.metacortex.plugin.testing.PluginDatabase;
import io.metacortex.plugin.testing.TestPluginContext;
import io.metacortex.plugin.testing.TestUsers;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The time to apply a sync of {@code N} (10,000) new transactions: Plaid stubbed by WireMock on loopback serving
 * {@code /transactions/sync} in pages of 500 with {@code has_more}, the finance plugin as the host starts it (its own
 * role, row-level security) against PostgreSQL ({@code METACORTEX_TEST_DB_URL}, else an embedded one). Each round
 * links a fresh item and times its first sync job whole ({@link PlaidSync#run}: fetching the pages from the fake over
 * loopback HTTP, then applying them in one transaction through the ledger, accounts and cursor included); one
 * warm-up round first. Not a test: run it with {@code bench/run-plaid-sync}.
 */
public final class PlaidSyncBench {

    private PlaidSyncBench() {}

    public static void main(String[] args) throws Exception {
        int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int pageSize = 500;
        List<String> pages = pages(transactions, pageSize);
        long[] whole = new long[rounds];
        try (PluginDatabase database = PluginDatabase.create("finance", FinancePlugin.class);
                PlaidFake plaid = new PlaidFake()) {
            for (int round = 0; round <= rounds; round++) {
                database.reset();
                plaid.server().resetAll();
                for (int i = 0; i < pages.size(); i++) {
                    plaid.syncPage(i == 0 ? null : "c" + i, pages.get(i));
                }
                TestPluginContext context = TestPluginContext.of(database)
                        .configuration(plaid.settings())
                        .grant(PluginPermissions.SECRETS)
                        .allowHosts("127.0.0.1")
                        .outboundPolicy(OutboundPolicy.builder()
                                .readTimeout(Duration.ofSeconds(30))
                                .build());
                FinancePlugin plugin = new FinancePlugin();
                context.start(plugin);
                try {
                    plaid.publicTokenExchanged();
                    plaid.accounts(accounts());
                    context.actAs(TestUsers.ALICE.id());
                    PlaidItemResource items = context.resources().stream()
                            .filter(PlaidItemResource.class::isInstance)
                            .map(PlaidItemResource.class::cast)
                            .findFirst()
                            .orElseThrow();
                    UUID item = ((PlaidItems.LinkedItem)
                                    items.link(TestUsers.ALICE, new LinkRequest(PlaidFake.PUBLIC_TOKEN, null))
                                            .getEntity())
                            .item()
                            .id();
                    context.actAs(null);
                    long started = System.nanoTime();
                    context.jobs().run(SyncJobs.TYPE, SyncJobs.dailyKey(item));
                    long took = System.nanoTime() - started;
                    long stored = database.count("transactions");
                    if (stored != transactions) {
                        throw new IllegalStateException("expected " + transactions + " transactions, found " + stored);
                    }
                    if (round > 0) {
                        whole[round - 1] = took;
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "%s round %d: %d transactions in %d pages synced and applied in %d ms%n",
                            round == 0 ? "warm-up" : "measured",
                            round,
                            transactions,
                            pages.size(),
                            took / 1_000_000);
                } finally {
                    context.stop(plugin);
                }
            }
        }
        long[] sorted = whole.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "RESULT sync of %d transactions (%d pages of %d, fetch + apply): median %d ms, min %d ms, max %d ms"
                        + " over %d rounds (target < 5000 ms)%n",
                transactions,
                pages.size(),
                pageSize,
                sorted[sorted.length / 2] / 1_000_000,
                sorted[0] / 1_000_000,
                sorted[sorted.length - 1] / 1_000_000,
                rounds);
    }

    private static String[] accounts() {
        return new String[] {
            account(CHECKING, "Plaid Checking", "110.25", "100", "USD"),
            account(SAVINGS, "Plaid Saving", "210", "200", "USD")
        };
    }

    private static List<String> pages(int transactions, int pageSize) {
        List<String> pages = new ArrayList<>();
        int count = (transactions + pageSize - 1) / pageSize;
        LocalDate day = LocalDate.of(2026, 1, 1);
        for (int p = 0; p < count; p++) {
            List<String> added = new ArrayList<>();
            for (int i = p * pageSize; i < Math.min(transactions, (p + 1) * pageSize); i++) {
                String amount = (i % 7 == 0 ? "-" : "") + (i % 500) + "." + String.format(Locale.ROOT, "%02d", i % 100);
                added.add(transaction(
                        "txn-" + i,
                        i % 3 == 0 ? SAVINGS : CHECKING,
                        amount,
                        day.plusDays(i % 330).toString(),
                        "PURCHASE " + i,
                        "Merchant " + (i % 50)));
            }
            pages.add(page(added, List.of(), List.of(), "c" + (p + 1), p < count - 1, accounts()));
        }
        return pages;
    }
}
