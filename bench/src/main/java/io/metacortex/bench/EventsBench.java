package io.metacortex.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "bench-" + UUID.randomUUID();
    private static final int CLIENTS = 8;
    private static final String DB = "mc_bench_events";

    private final String pgHost = env("BENCH_PG_HOST", "127.0.0.1");
    private final String pgPort = env("BENCH_PG_PORT", "5432");
    private final String pgUser = env("BENCH_PG_USER", "postgres");
    private final int paced = Integer.parseInt(env("BENCH_PACED", "500"));
    private final int burst = Integer.parseInt(env("BENCH_BURST", "2000"));
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Path distribution;
    private final Path work;
    private final Path results;
    private String userToken;

    private EventsBench(String[] args) {
        distribution = Path.of(args[0]);
        work = Path.of(args[1]);
        results = Path.of(args[2]);
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        new EventsBench(args).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        execute("postgres", "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        execute("postgres", "CREATE DATABASE " + DB);
        Process host = startHost();
        Map<String, Object> report = new LinkedHashMap<>();
        try {
            awaitHost();
            createUser();
            log("warm-up: 200 completions");
            phase(tasks(200), 1, 0);
            List<Long> pacedTasks = tasks(paced);
            List<Long> burstTasks = tasks(burst);
            log(paced + " completions one at a time, every 20 ms");
            report.put("paced", phase(pacedTasks, 1, 20));
            log(burst + " completions from " + CLIENTS + " clients at once");
            report.put("burst", phase(burstTasks, CLIENTS, 0));
        } finally {
            host.destroy();
            host.waitFor();
        }
        write(report);
    }

    /** Creates tasks, each with a habit linked to it. @return their ids */
    private List<Long> tasks(int count) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            long task = send("POST", "/api/tasks", "{\"title\": \"bench " + n + "\"}", 201)
                    .get("id")
                    .asLong();
            send("POST", "/api/habits", "{\"name\": \"bench " + n + "\", \"taskId\": " + task + "}", 201);
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
                        send("PUT", "/api/tasks/" + tasks.get(i) + "/status", "{\"status\": \"COMPLETED\"}", 200);
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
        try (Connection c = connect(DB);
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

    private Process startHost() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        distribution.resolve("bin/metacortex").toString(),
                        "server",
                        distribution.resolve("conf/metacortex.yml").toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("events-host.log").toFile());
        Path plugins = Files.createDirectories(work.resolve("events-plugins"));
        for (String jar : List.of("tasks", "habits")) {
            try (var found = Files.list(distribution.resolve("plugins"))) {
                Path source = found.filter(p -> p.getFileName().toString().contains("-" + jar + "-"))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no " + jar + " jar in the distribution"));
                Files.copy(
                        source,
                        plugins.resolve(source.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        builder.environment()
                .putAll(Map.of(
                        "METACORTEX_PORT",
                        "18280",
                        "METACORTEX_ADMIN_PORT",
                        "18281",
                        "METACORTEX_ADMIN_TOKEN",
                        TOKEN,
                        "METACORTEX_DATA_DIR",
                        work.resolve("events-host-data").toString(),
                        "METACORTEX_PLUGINS_DIR",
                        plugins.toString(),
                        "METACORTEX_DB_URL",
                        url(DB),
                        "METACORTEX_DB_USER",
                        pgUser,
                        "METACORTEX_LOG_LEVEL",
                        "WARN",
                        "JAVA_OPTS",
                        env("BENCH_JAVA_OPTS", "")));
        return builder.start();
    }

    private void awaitHost() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                HttpResponse<String> reply = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:18280/admin/plugins"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200
                        && reply.body().contains("\"id\":\"tasks\"")
                        && reply.body().contains("\"id\":\"habits\"")
                        && !reply.body().contains("FAILED")) {
                    return;
                }
            } catch (IOException notYet) {
                // not answering yet
            }
            require(System.nanoTime() < deadline, "tasks and habits not active within 2 minutes: see events-host.log");
            Thread.sleep(100);
        }
    }

    private void createUser() throws Exception {
        userToken = TOKEN;
        JsonNode user = send(
                "POST", "/admin/users", "{\"email\": \"events@example.com\", \"displayName\": \"Events Bench\"}", 201);
        userToken = send("POST", "/admin/users/" + user.get("id").asText() + "/tokens", "{\"name\": \"bench\"}", 201)
                .get("token")
                .asText();
    }

    private JsonNode send(String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> reply = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:18280" + path))
                        .timeout(Duration.ofMinutes(1))
                        .header("Authorization", "Bearer " + userToken)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        require(reply.statusCode() == expected, path + " answered " + reply.statusCode() + " " + reply.body());
        return JSON.readTree(reply.body());
    }

    private void write(Map<String, Object> report) throws IOException {
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        report.put("date", date);
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("java", System.getProperty("java.version"));
        report.put("database", "PostgreSQL at " + pgHost + ":" + pgPort + ", a fresh database");
        Files.createDirectories(results);
        Files.writeString(
                results.resolve(date + "-events.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
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
            md.append("| ")
                    .append(phase)
                    .append(" | ")
                    .append(r.get("completions"))
                    .append(" | ")
                    .append(r.get("clients"))
                    .append(" | ")
                    .append(Math.round((double) r.get("completionsPerSecond")))
                    .append(" | ")
                    .append(String.format("%.1f", (double) r.get("p50Millis")))
                    .append(" | ")
                    .append(String.format("%.1f", (double) r.get("p99Millis")))
                    .append(" | ")
                    .append(String.format("%.1f", (double) r.get("maxMillis")))
                    .append(" | ")
                    .append(r.get("handlerCommits"))
                    .append(" |\n");
        }
        Files.writeString(results.resolve(date + "-events.md"), md.toString());
        System.out.println(md);
    }

    private void execute(String db, String sql) throws SQLException {
        try (Connection c = connect(db);
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect(DB);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(url(db), pgUser, "");
    }

    private String url(String db) {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + db;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void log(String message) {
        System.err.println("[events-bench] " + message);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
