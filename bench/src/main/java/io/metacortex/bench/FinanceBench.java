package io.metacortex.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metacortex.finance.FinancePlugin;
import io.metacortex.finance.internal.Account;
import io.metacortex.finance.internal.AccountRequest;
import io.metacortex.finance.internal.AccountResource;
import io.metacortex.finance.internal.ImportedTransaction;
import io.metacortex.finance.internal.Ledger;
import io.metacortex.finance.internal.LedgerBatch;
import io.metacortex.finance.internal.LedgerResult;
import io.metacortex.finance.internal.ReportResource;
import io.metacortex.plugin.testing.PluginDatabase;
import io.metacortex.plugin.testing.PluginObjectMapper;
import io.metacortex.plugin.testing.TestPluginContext;
import io.metacortex.plugin.testing.TestUriInfo;
import io.metacortex.plugin.testing.TestUsers;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The finance figures (bench/run-finance): the ledger applying 10,000-transaction batches (the size of a large Plaid
 * sync; target < 5 s) until the user has 100,000 transactions in two currencies, then {@code GET
 * /api/finance/reports/spending} over them (target p95 < 200 ms), called on the plugin's {@code ReportResource}
 * against PostgreSQL and written as JSON with the host's plugin mapper: no HTTP, so the figure is the plugin's and the
 * database's share of a request. Connections are the plugin role's, under row-level security, as installed.
 */
public final class FinanceBench {

    private static final int BATCH = 10_000;
    private static final int BATCHES = 10;
    private static final int WARM_UP = 30;
    private static final int MEASURED = 200;

    private FinanceBench() {}

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        StringBuilder report = new StringBuilder("# Finance bench, " + Instant.now() + "\n\n"
                + "Load average at the start (1, 5, 15 min): " + loadAverage() + "\n\n");
        try (PluginDatabase db = PluginDatabase.create("finance", FinancePlugin.class)) {
            TestPluginContext context = TestPluginContext.of(db).start(new FinancePlugin());
            context.actAs(TestUsers.ALICE.id());
            AccountResource accounts = resource(context, AccountResource.class);
            long eur = ((Account) accounts.create(
                                    TestUsers.ALICE,
                                    new AccountRequest("Checking", "EUR", "checking", "1000.00"),
                                    TestUriInfo.at("http://localhost/api/finance/accounts"))
                            .getEntity())
                    .id();
            long usd = ((Account) accounts.create(
                                    TestUsers.ALICE,
                                    new AccountRequest("Card", "USD", "credit", null),
                                    TestUriInfo.at("http://localhost/api/finance/accounts"))
                            .getEntity())
                    .id();
            List<Long> categories = context.jdbi()
                    .withHandle(h -> h.createQuery("SELECT id FROM categories WHERE user_id IS NULL ORDER BY id")
                            .mapTo(Long.class)
                            .list());
            context.jdbi().useHandle(h -> {
                for (int i = 0; i < categories.size(); i++) {
                    h.execute(
                            "INSERT INTO rules (user_id, field, match, pattern, category_id, position)"
                                    + " VALUES (?, 'description', 'contains', ?, ?, ?)",
                            TestUsers.ALICE.id(),
                            "shop " + i + " ",
                            categories.get(i),
                            i);
                }
            });

            Ledger ledger = new Ledger(
                    context.jdbi(),
                    new io.metacortex.finance.internal.Alerts(context.events()),
                    java.time.Clock.systemUTC());
            Random random = new Random(42);
            LocalDate first = LocalDate.parse("2025-01-01");
            long[] batchMillis = new long[BATCHES];
            for (int b = 0; b < BATCHES; b++) {
                List<ImportedTransaction> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    int n = b * BATCH + i;
                    BigDecimal amount = BigDecimal.valueOf(-(random.nextInt(20_000) + 1), 2);
                    if (n % 25 == 0) {
                        amount = BigDecimal.valueOf(random.nextInt(300_000) + 1, 2);
                    }
                    batch.add(ImportedTransaction.booked(
                            "B" + n,
                            amount,
                            first.plusDays(random.nextInt(730)),
                            "shop " + random.nextInt(categories.size() + 3) + " purchase " + n,
                            "Merchant " + random.nextInt(500)));
                }
                long account = b % 3 == 2 ? usd : eur;
                long started = System.nanoTime();
                LedgerResult result = ledger.apply(TestUsers.ALICE.id(), account, LedgerBatch.of(batch));
                batchMillis[b] = (System.nanoTime() - started) / 1_000_000;
                if (result.added() != BATCH) {
                    throw new IllegalStateException("batch " + b + " added " + result);
                }
            }
            context.jdbi().useHandle(h -> h.execute("ANALYZE"));
            long reapply = timeReapply(ledger, eur);
            report.append("## Ledger: ")
                    .append(BATCHES)
                    .append(" batches of ")
                    .append(BATCH)
                    .append(" new transactions (target < 5 s each)\n\n")
                    .append("ms per batch: ")
                    .append(Arrays.toString(batchMillis))
                    .append("\n\n")
                    .append("re-applying a batch of ")
                    .append(BATCH)
                    .append(" known transactions: ")
                    .append(reapply)
                    .append(" ms\n\n");

            ReportResource reports = resource(context, ReportResource.class);
            ObjectMapper mapper = PluginObjectMapper.create();
            for (String groupBy : List.of("category", "month")) {
                for (int i = 0; i < WARM_UP; i++) {
                    mapper.writeValueAsBytes(reports.spending(TestUsers.ALICE, "2025-01-01", "2026-12-31", groupBy));
                }
                long[] micros = new long[MEASURED];
                for (int i = 0; i < MEASURED; i++) {
                    long started = System.nanoTime();
                    mapper.writeValueAsBytes(reports.spending(TestUsers.ALICE, "2025-01-01", "2026-12-31", groupBy));
                    micros[i] = (System.nanoTime() - started) / 1_000;
                }
                Arrays.sort(micros);
                report.append(String.format(
                        Locale.ROOT,
                        "## Spending report over %d transactions, groupBy=%s, %d calls (target p95 < 200 ms)%n%n"
                                + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n%n",
                        BATCH * BATCHES,
                        groupBy,
                        MEASURED,
                        micros[MEASURED / 2] / 1000.0,
                        micros[(int) (MEASURED * 0.95)] / 1000.0,
                        micros[(int) (MEASURED * 0.99)] / 1000.0,
                        micros[MEASURED - 1] / 1000.0));
            }
        }
        System.out.print(report);
        write(results, report.toString());
    }

    private static long timeReapply(Ledger ledger, long account) {
        // the first batch again, as the bench made it: same ids, so every row is known and unchanged or modified
        Random random = new Random(42);
        LocalDate first = LocalDate.parse("2025-01-01");
        List<ImportedTransaction> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            BigDecimal amount = BigDecimal.valueOf(-(random.nextInt(20_000) + 1), 2);
            if (i % 25 == 0) {
                amount = BigDecimal.valueOf(random.nextInt(300_000) + 1, 2);
            }
            batch.add(ImportedTransaction.booked(
                    "B" + i,
                    amount,
                    first.plusDays(random.nextInt(730)),
                    "shop " + random.nextInt(16) + " purchase " + i,
                    "Merchant " + random.nextInt(500)));
        }
        long started = System.nanoTime();
        LedgerResult result = ledger.apply(TestUsers.ALICE.id(), account, LedgerBatch.of(batch));
        if (result.added() != 0) {
            throw new IllegalStateException("re-applying added " + result);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** @return /proc/loadavg's first three fields, or "unknown": the figures mean little on a busy machine */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static <T> T resource(TestPluginContext context, Class<T> type) {
        return context.resources().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow();
    }

    private static void write(Path results, String report) throws IOException {
        Files.createDirectories(results);
        String name = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm", Locale.ROOT)
                        .format(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC))
                + "-finance.md";
        Files.writeString(results.resolve(name), report);
        System.out.println("written: " + results.resolve(name));
    }
}
