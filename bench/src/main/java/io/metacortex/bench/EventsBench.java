package io.metacortex.bench;

import static io.metacortex.bench.Bench.env;
import static io.metacortex.bench.Bench.require;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Durable event latency through the distribution's host: the tasks plugin publishes {@code task.completed} in the
 * transaction completing a task, habits' handler checks the linked habit in. The latency of each delivery is read
 * from the database's own clock: from {@code events.published_at} (set by {@code publish_event} inside the completing
 * transaction, just before it commits) to {@code event_deliveries.delivered_at} (set by {@code record_delivery} as the
 * handler's transaction starts). Two phases: completions one at a time, paced ({@code BENCH_PACED}, every 20 ms), and
 * a burst from 8 client threads ({@code BENCH_BURST}).
 *
 * <p>Run by {@code bench/run-events}; arguments: the distribution directory, a work directory and the results
 * directory. Environment: {@code BENCH_PG_HOST}, {@code BENCH_PG_PORT}, {@code BENCH_PG_USER}, {@code BENCH_PACED}
 * (500), {@code BENCH_BURST} (2000).
 */
public final class EventsBench {

    private static final int CLIENTS = 8;
    private static final String DB = "mc_bench_events";

    private final BenchDatabase database = new BenchDatabase();
    private final int paced = Integer.parseInt(env("BENCH_PACED", "500"));
    private final int burst = Integer.parseInt(env("BENCH_BURST", "2000"));
    private final Path work;
    private final Path results;
    private final BenchHost host;

    private EventsBench(String[] args) {
        work = Path.of(args[1]);
        results = Path.of(args[2]);
        host = new BenchHost("events", Path.of(args[0]), work, 18280, Duration.ofMinutes(1));
    }

    public static void main(String[] args) throws Exception {
        Bench.logWarningsOnly();
        new EventsBench(args).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        database.recreate(DB);
        Map<String, Object> report = new LinkedHashMap<>();
        try {
            host.start(database, DB, List.of("tasks", "habits"), "");
            host.awaitPlugins(List.of("tasks", "habits"));
            host.createUser("events@example.com", "Events Bench");
            log("warm-up: 200 completions");
            phase(tasks(200), 1, 0);
            List<Long> pacedTasks = tasks(paced);
            List<Long> burstTasks = tasks(burst);
            log(paced + " completions one at a time, every 20 ms");
            report.put("paced", phase(pacedTasks, 1, 20));
            log(burst + " completions from " + CLIENTS + " clients at once");
            report.put("burst", phase(burstTasks, CLIENTS, 0));
        } finally {
            host.stop();
        }
        Bench.writeResults(
                results, "events", report, database.describe() + ", a fresh database", date -> markdown(report, date));
    }

    /** Creates tasks, each with a habit linked to it. @return their ids */
    private List<Long> tasks(int count) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            long task = host.send("POST", "/api/tasks", "{\"title\": \"bench " + n + "\"}", 201)
                    .get("id")
                    .asLong();
            host.send("POST", "/api/habits", "{\"name\": \"bench " + n + "\", \"taskId\": " + task + "}", 201);
            ids.add(task);
        }
        return ids;
    }

    /** Completes the tasks from {@code clients} threads, waits for every delivery, and reads the latencies. */
    private Map<String, Object> phase(List<Long> tasks, int clients, long pauseMillis) throws Exception {
        long firstEvent = count("SELECT coalesce(max(id), 0) FROM metacortex.events") + 1;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int i = client; i < tasks.size(); i += clients) {
                        host.send("PUT", "/api/tasks/" + tasks.get(i) + "/status", "{\"status\": \"COMPLETED\"}", 200);
                        if (pauseMillis > 0) {
                            Thread.sleep(pauseMillis); // pacing the load, not synchronising
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        String mine = " FROM metacortex.event_deliveries d JOIN metacortex.events e ON e.id = d.event_id"
                + " WHERE d.subscriber = 'habits' AND e.type = 'task.completed' AND e.id >= " + firstEvent;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (count("SELECT count(*)" + mine + " AND d.state <> 'delivered'") > 0
                || count("SELECT count(*)" + mine) < tasks.size()) {
            require(System.nanoTime() < deadline, "events still undelivered after 5 minutes");
            Thread.sleep(20); // the bench's own measuring poll
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("completions", tasks.size());
        result.put("clients", clients);
        result.put("completionsPerSecond", tasks.size() / seconds);
        String latency = "extract(epoch FROM d.delivered_at - e.published_at) * 1000";
        try (Connection c = database.connect(DB);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY " + latency + "),"
                        + " percentile_cont(0.99) WITHIN GROUP (ORDER BY " + latency + "), max(" + latency + "),"
                        + " count(*), sum(d.attempts)" + mine)) {
            rs.next();
            result.put("p50Millis", rs.getDouble(1));
            result.put("p99Millis", rs.getDouble(2));
            result.put("maxMillis", rs.getDouble(3));
            result.put("delivered", rs.getLong(4));
            result.put("handlerCommits", rs.getLong(5));
        }
        result.put("checkIns", count("SELECT count(*) FROM plugin_habits.check_ins"));
        log(result.toString());
        return result;
    }

    private static String markdown(Map<String, Object> report, String date) {
        StringBuilder md = new StringBuilder("# Events bench " + date
                + "\n\n`bench/run-events`: tasks -> habits through"
                + " durable events on the distribution's host, on " + report.get("database") + "; "
                + report.get("cores")
                + " cores, Java " + report.get("java") + ". Latency: from publish_event in the completing transaction"
                + " (just before its commit) to record_delivery as the handler's transaction starts, on the"
                + " database's clock.\n\n| phase | completions | clients | completions/s | p50 ms | p99 ms | max ms |"
                + " handler commits |\n|---|---|---|---|---|---|---|---|\n");
        for (String phase : List.of("paced", "burst")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) report.get(phase);
            md.append(Bench.tableRow(
                    phase,
                    r.get("completions"),
                    r.get("clients"),
                    Math.round((double) r.get("completionsPerSecond")),
                    String.format("%.1f", (double) r.get("p50Millis")),
                    String.format("%.1f", (double) r.get("p99Millis")),
                    String.format("%.1f", (double) r.get("maxMillis")),
                    r.get("handlerCommits")));
        }
        return md.toString();
    }

    private long count(String sql) throws SQLException {
        return database.count(DB, sql);
    }

    private static void log(String message) {
        System.err.println("[events-bench] " + message);
    }
}
