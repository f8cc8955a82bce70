package io.metacortex.bench;

import static io.metacortex.bench.Bench.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the host's cost grows (issue 12): with installed plugins ({@link PluginScale}: the no-database route's throughput
 * and one more plugin's install time, 4 vs 4 + 49 plugins) and with the tasks table ({@link TaskScale}: the p99 of
 * {@code GET /api/tasks?limit=20}, first and later pages, with and without {@code status=PENDING}, for a user with
 * {@code BENCH_SCALE_USER_TASKS} tasks in a table of that many tasks vs {@code BENCH_SCALE_TASKS} across 1 user per
 * 1,000). The two table sizes live in two databases; their hosts run one at a time on the same ports, alternating
 * round by round.
 *
 * <p>Run by {@code bench/run-scale}; arguments: the distribution directory, a work directory, the results directory,
 * the bench's {@code lib} directory and the sample fixture's jar.
 */
public final class ScaleBench {

    private static final int TASK_CONNECTIONS = 8;

    private final BenchDatabase database = new BenchDatabase();
    private final Path distribution;
    private final Path work;
    private final Path results;
    private final Path sampleJar;
    private final Wrk wrk;
    private final int port = Integer.parseInt(env("BENCH_HOST_PORT", "18580"));
    private final int rounds = Integer.parseInt(env("BENCH_SCALE_ROUNDS", "3"));
    private final int jitWarmup = Integer.parseInt(env("BENCH_JIT_WARMUP", "10"));
    private final int warmup = Integer.parseInt(env("BENCH_WARMUP", "3"));
    private final int duration = Integer.parseInt(env("BENCH_DURATION", "10"));

    private ScaleBench(String[] args) {
        distribution = Path.of(args[0]);
        work = Path.of(args[1]);
        results = Path.of(args[2]);
        wrk = new Wrk(Path.of(args[3]), work);
        sampleJar = Path.of(args[4]);
    }

    public static void main(String[] args) throws Exception {
        Bench.logWarningsOnly();
        new ScaleBench(args).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put(
                "measuredConfiguration",
                "the distribution's shipped configuration: route metrics, request ids,"
                        + " access log, auth, row-level security and per-plugin roles on");
        if (!"0".equals(env("BENCH_SCALE_COPIES", "49"))) {
            report.put("plugins", plugins());
        }
        report.put("tasks", tasks());
        Bench.writeResults(
                results,
                "scale",
                report,
                database.describe() + ", fresh databases",
                date -> ScaleReport.markdown(report, date));
    }

    private Map<String, Object> plugins() throws Exception {
        String db = "mc_sc_plugins";
        int copies = Integer.parseInt(env("BENCH_SCALE_COPIES", "49"));
        database.recreate(db);
        BenchHost host = new BenchHost("plugins", distribution, work, port, Duration.ofMinutes(1));
        try {
            host.start(database, db, List.of("tasks", "notes", "habits"), "");
            host.awaitPlugins(List.of("tasks", "notes", "habits"));
            return new PluginScale(
                            host,
                            database,
                            db,
                            wrk,
                            sampleJar,
                            copies,
                            rounds,
                            Integer.parseInt(env("BENCH_INSTALL_RUNS", "5")),
                            new int[] {warmup, duration})
                    .run(jitWarmup);
        } finally {
            host.stop();
            database.execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            // Roles belong to the server, not to the database: drop the copies' (the first-party ones stay).
            for (int n = 1; n <= copies + 1; n++) {
                database.execute("postgres", "DROP ROLE IF EXISTS plugin_" + PluginScale.id(n));
            }
        }
    }

    private Map<String, Object> tasks() throws Exception {
        int userTasks = Integer.parseInt(env("BENCH_SCALE_USER_TASKS", "10000"));
        long total = Long.parseLong(env("BENCH_SCALE_TASKS", "1000000"));
        List<TaskScale> sizes = List.of(
                new TaskScale("small", "mc_sc_small", userTasks, userTasks, host("small"), database),
                new TaskScale("large", "mc_sc_large", total, userTasks, host("large"), database));
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> p99 = new LinkedHashMap<>();
        List<Map<String, Object>> measured = new ArrayList<>();
        try {
            for (TaskScale size : sizes) {
                database.recreate(size.db);
                try {
                    size.start();
                    long start = System.nanoTime();
                    size.seed();
                    log("tasks: seeded " + size.totalTasks + " tasks in " + size.db + " in "
                            + (System.nanoTime() - start) / 1_000_000_000 + " s");
                } finally {
                    size.host.stop();
                }
                p99.put(size.name, new LinkedHashMap<>());
            }
            for (int round = 0; round < rounds; round++) {
                // Alternate which size goes first, round by round.
                List<TaskScale> order = round % 2 == 0 ? sizes : List.of(sizes.get(1), sizes.get(0));
                for (TaskScale size : order) {
                    try {
                        size.start();
                        measured.addAll(measure(size, round, p99.get(size.name)));
                    } finally {
                        size.host.stop();
                    }
                }
            }
            Map<String, Object> sizesReport = new LinkedHashMap<>();
            for (TaskScale size : sizes) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("tasksInTable", size.totalTasks);
                r.put("userTasks", size.userTasks);
                r.put("users", size.totalTasks == size.userTasks ? 1 : size.totalTasks / 1000);
                r.put("queries", size.queries);
                r.put("plans", size.explain());
                Map<String, Double> medians = new LinkedHashMap<>();
                p99.get(size.name).forEach((label, values) -> medians.put(label, median(values)));
                r.put("p99MedianMs", medians);
                sizesReport.put(size.name, r);
            }
            report.put("connections", TASK_CONNECTIONS);
            report.put("sizes", sizesReport);
            report.put("runs", measured);
        } finally {
            for (TaskScale size : sizes) {
                size.host.stop();
                if (env("BENCH_KEEP_DB", "").isEmpty()) {
                    database.execute("postgres", "DROP DATABASE IF EXISTS " + size.db + " WITH (FORCE)");
                }
            }
        }
        return report;
    }

    private BenchHost host(String name) {
        return new BenchHost(name, distribution, work, port, Duration.ofMinutes(1));
    }

    /** One round on one size: a JIT warm-up, then each query with a warm-up and a measured run. */
    private List<Map<String, Object>> measure(TaskScale size, int round, Map<String, List<Double>> p99)
            throws Exception {
        List<String> auth = List.of("Authorization: Bearer " + size.host.userToken());
        String prefix = "tasks-" + size.name + "-" + round;
        wrk.run(
                prefix + "-jit.out",
                size.host.url("/api/tasks?limit=20"),
                TASK_CONNECTIONS,
                jitWarmup,
                "get.lua",
                auth,
                Map.of());
        List<Map<String, Object>> rows = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> query : size.queries.entrySet()) {
            String url = size.host.url("/api/tasks?" + query.getValue());
            wrk.run(prefix + "-" + n + "-warmup.out", url, TASK_CONNECTIONS, warmup, "get.lua", auth, Map.of());
            Wrk.Result result =
                    wrk.run(prefix + "-" + n + ".out", url, TASK_CONNECTIONS, duration, "get.lua", auth, Map.of());
            Bench.require(result.failed() == 0, "failed requests: see " + prefix + "-" + n + ".out");
            p99.computeIfAbsent(query.getKey(), k -> new ArrayList<>()).add(result.p99());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("round", round);
            row.put("size", size.name);
            row.put("query", query.getKey());
            row.put("rps", result.rps());
            row.put("p50Ms", result.p50());
            row.put("p99Ms", result.p99());
            rows.add(row);
            log("tasks: " + row);
            n++;
        }
        return rows;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static void log(String message) {
        System.err.println("[scale-bench] " + message);
    }
}
