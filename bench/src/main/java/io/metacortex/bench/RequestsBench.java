package io.metacortex.bench;

import static io.metacortex.bench.Bench.JSON;
import static io.metacortex.bench.Bench.env;
import static io.metacortex.bench.Bench.require;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The host's request path against plain Dropwizard, side by side in one run (issue 12): the distribution's host
 * (shipped configuration, tasks, notes and habits, plus the sample fixture installed through the admin API) and the
 * bench's {@link BaselineApplication}, both on fresh databases of the same PostgreSQL with the same seeded tasks.
 * After a JIT warm-up of each route on each side, {@code BENCH_ROUNDS} rounds alternate host and baseline point by
 * point (the side going first alternates too): the read routes (the no-database route, anonymous; the authenticated
 * list), then a JFR profile of each side on the no-database route, then the writes (POST /api/tasks without and with
 * tags; after the reads, so that the list reads the same table on both sides). Figures are medians of the rounds.
 *
 * <p>Run by {@code bench/run-requests}; arguments: the distribution directory, the sample fixture's jar, the bench
 * directory, a work directory, the results directory, and {@code quick} or {@code full}. Settings: see
 * bench/README.md, "Requests".
 */
public final class RequestsBench {

    private static final String HOST_DB = "mc_rq_host";
    private static final String BASELINE_DB = "mc_rq_baseline";

    static final Route PUBLIC =
            new Route("public", "GET", "/api/sample/public", "/api/tasks/public", false, "get.lua", 200);
    static final Route LIST =
            new Route("list", "GET", "/api/tasks?limit=20", "/api/tasks?limit=20", true, "get.lua", 200);
    static final Route POST = new Route("post", "POST", "/api/tasks", "/api/tasks", true, "post-no-tags.lua", 201);
    static final Route POST_TAGS = new Route("post-tags", "POST", "/api/tasks", "/api/tasks", true, "post.lua", 201);

    /**
     * A measured route: its path on each side, whether it carries the bench user's token, and the wrk script of
     * {@code lib} that sends it.
     */
    record Route(
            String name,
            String method,
            String hostPath,
            String baselinePath,
            boolean authenticated,
            String script,
            int status) {}

    /** One side under load: its name, its application port, its JVM's PID. */
    private record Side(String name, int port, long pid) {}

    private final BenchDatabase database = new BenchDatabase();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Path sampleJar;
    private final Path lib;
    private final Path work;
    private final Path results;
    private final boolean quick;
    private final int rounds;
    private final int seconds;
    private final int jitWarmup;
    private final int profileSeconds;
    private final int seedTasks = Integer.parseInt(env("BENCH_SEED_TASKS", "1000"));
    private final int hostPort;
    private final int baselinePort;
    private final Map<Route, List<Integer>> levels = new LinkedHashMap<>();
    private final BenchHost host;
    private final BenchBaseline baseline;
    private final Wrk wrk;
    private String authorization;

    private RequestsBench(String[] args) {
        Path distribution = Path.of(args[0]);
        sampleJar = Path.of(args[1]);
        Path benchDir = Path.of(args[2]);
        lib = benchDir.resolve("lib");
        work = Path.of(args[3]);
        results = Path.of(args[4]);
        quick = args.length > 5 && args[5].equals("quick");
        rounds = setting("BENCH_ROUNDS", 3, 2);
        seconds = setting("BENCH_DURATION", 10, 3);
        jitWarmup = setting("BENCH_JIT_WARMUP", 10, 3);
        profileSeconds = setting("BENCH_PROFILE_SECONDS", 15, 4);
        levels.put(PUBLIC, connections("BENCH_PUBLIC_CONNECTIONS", "16 64"));
        levels.put(LIST, connections("BENCH_LIST_CONNECTIONS", "1 16 64"));
        levels.put(POST, connections("BENCH_POST_CONNECTIONS", "8"));
        levels.put(POST_TAGS, levels.get(POST));
        hostPort = Integer.parseInt(env("BENCH_HOST_PORT", "18480"));
        baselinePort = Integer.parseInt(env("BENCH_BASELINE_PORT", "18490"));
        host = new BenchHost("requests", distribution, work, hostPort, Duration.ofSeconds(30));
        baseline = new BenchBaseline("requests", benchDir, work, baselinePort);
        wrk = new Wrk(lib, work);
    }

    public static void main(String[] args) throws Exception {
        Bench.logWarningsOnly();
        // On SIGINT/SIGTERM the finally blocks do not run: stop what this JVM started (servers, wrk), by their PIDs.
        Runtime.getRuntime().addShutdownHook(new Thread(RequestsBench::stopChildren));
        new RequestsBench(args).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        database.recreate(HOST_DB);
        database.recreate(BASELINE_DB);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("mode", quick ? "quick" : "full");
        report.put("settings", settings());
        report.put("loadBefore", loadAverage());
        try {
            Side[] sides = startBoth();
            report.put("configuration", configuration(sides));
            List<Map<String, Object>> points = new ArrayList<>();
            List<Route> reads = List.of(PUBLIC, LIST);
            List<Route> writes = List.of(POST, POST_TAGS);
            warmUp(sides, reads);
            points.addAll(rounds(sides, reads));
            Map<String, Object> profiles = new LinkedHashMap<>();
            for (Side side : sides) {
                profiles.put(side.name(), profile(side));
            }
            warmUp(sides, writes);
            points.addAll(rounds(sides, writes));
            report.put("points", points);
            report.put("targets", RequestsReport.targets(points));
            report.put("profiles", profiles);
        } finally {
            baseline.stop();
            host.stop();
            if (env("BENCH_KEEP_DB", "").isEmpty()) {
                database.execute("postgres", "DROP DATABASE IF EXISTS " + HOST_DB + " WITH (FORCE)");
                database.execute("postgres", "DROP DATABASE IF EXISTS " + BASELINE_DB + " WITH (FORCE)");
            }
        }
        report.put("loadAfter", loadAverage());
        Bench.writeResults(
                results,
                "requests",
                report,
                database.describe() + ", fresh databases " + HOST_DB + " and " + BASELINE_DB,
                date -> RequestsReport.markdown(report, date));
    }

    /** Starts the host, installs the sample, creates the bench user, starts the baseline, seeds both, checks both. */
    private Side[] startBoth() throws Exception {
        log("starting the host (tasks, notes, habits; the sample fixture through POST /admin/plugins)");
        host.start(
                database,
                HOST_DB,
                List.of("tasks", "notes", "habits"),
                " -Ddw.server.applicationConnectors[0].bindHost=127.0.0.1",
                Map.of("METACORTEX_LOG_LEVEL", "INFO")); // the shipped default: the host's own logging as shipped
        host.awaitPlugins(List.of("tasks", "notes", "habits"));
        host.postAsAdmin("/admin/plugins", Files.readAllBytes(sampleJar), "application/java-archive", 201);
        host.createUser("requests@example.com", "Requests Bench");
        authorization = "Authorization: Bearer " + host.userToken();
        log("starting the baseline");
        baseline.start(database, BASELINE_DB, host.userToken(), host.userId());
        baseline.awaitHealthy();
        String other = UUID.randomUUID().toString();
        seed(HOST_DB, other);
        seed(BASELINE_DB, other);
        Side hostSide = new Side("host", hostPort, host.pid());
        Side baselineSide = new Side("baseline", baselinePort, baseline.pid());
        for (Side side : List.of(hostSide, baselineSide)) {
            check(side);
        }
        return new Side[] {hostSide, baselineSide};
    }

    /**
     * The same tasks in both databases, as {@code bench/run} seeds them (as the superuser: row-level security does not
     * apply): {@code BENCH_SEED_TASKS} tasks of the bench user and as many of another user, interleaved, in every
     * status and priority; tags 'bench' and tag0..tag9 through task_tags.
     */
    private void seed(String db, String other) throws Exception {
        String user = host.userId();
        database.execute(
                db,
                "INSERT INTO plugin_tasks.tasks (owner_id, title, priority, status, due, completed_at)"
                        + " SELECT o.owner, 'Seeded task ' || g, (ARRAY['LOW','MEDIUM','HIGH'])[1 + g % 3],"
                        + " (ARRAY['PENDING','IN_PROGRESS','COMPLETED','BLOCKED'])[1 + g % 4],"
                        + " now() + g * interval '1 hour', CASE WHEN g % 4 = 2 THEN now() END"
                        + " FROM generate_series(1, " + seedTasks + ") g"
                        + " CROSS JOIN (VALUES (1, '" + user + "'::uuid), (2, '" + other + "'::uuid)) AS o (n, owner)"
                        + " ORDER BY g, o.n");
        database.execute(
                db,
                "INSERT INTO plugin_tasks.tags (owner_id, name) SELECT o.owner, n.name"
                        + " FROM (VALUES ('" + user + "'::uuid), ('" + other + "'::uuid)) AS o (owner)"
                        + " CROSS JOIN (SELECT 'bench' UNION ALL SELECT 'tag' || d FROM generate_series(0, 9) d)"
                        + " AS n (name) ON CONFLICT DO NOTHING");
        database.execute(
                db,
                "INSERT INTO plugin_tasks.task_tags (task_id, tag_id, owner_id) SELECT t.id, g.id, t.owner_id"
                        + " FROM plugin_tasks.tasks t JOIN plugin_tasks.tags g ON g.owner_id = t.owner_id"
                        + " AND g.name IN ('bench', 'tag' || (substring(t.title FROM 'Seeded task ([0-9]+)')::int % 10))"
                        + " WHERE t.title LIKE 'Seeded task %' ON CONFLICT DO NOTHING");
        database.execute(db, "ANALYZE plugin_tasks.tasks, plugin_tasks.tags, plugin_tasks.task_tags");
    }

    /**
     * Before measuring: the anonymous route answers {"anonymous":true} without a token, the list 401 without one and
     * 20 items with it, and each POST body 201, on this side.
     */
    private void check(Side side) throws Exception {
        HttpResponse<String> open = get(side, PUBLIC, null);
        require(
                open.statusCode() == 200
                        && JSON.readTree(open.body()).path("anonymous").asBoolean(false),
                side.name() + " " + path(side, PUBLIC) + " answered " + open.statusCode() + " " + open.body());
        HttpResponse<String> anonymous = get(side, LIST, null);
        require(
                anonymous.statusCode() == 401,
                side.name() + ": the list without a token answered " + anonymous.statusCode());
        HttpResponse<String> list = get(side, LIST, host.userToken());
        require(
                list.statusCode() == 200
                        && JSON.readTree(list.body()).path("items").size() == 20,
                side.name() + ": the list answered " + list.statusCode() + " " + list.body());
        for (String body : List.of(
                "{\"title\": \"Bench check\", \"priority\": \"HIGH\"}",
                "{\"title\": \"Bench check\", \"priority\": \"HIGH\", \"tags\": [\"bench\", \"load\"]}")) {
            HttpResponse<String> created = http.send(
                    request(side, POST, host.userToken())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            require(
                    created.statusCode() == 201,
                    side.name() + ": POST /api/tasks answered " + created.statusCode() + " " + created.body());
        }
    }

    private HttpResponse<String> get(Side side, Route route, String token) throws Exception {
        return http.send(request(side, route, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(Side side, Route route, String token) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(url(side, route))).timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** What the results say about the measured configuration, with what the bench checked of it. */
    private Map<String, Object> configuration(Side[] sides) throws Exception {
        HttpResponse<String> answer = get(sides[0], LIST, host.userToken());
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put(
                "host",
                "the distribution (bin/metacortex) with its shipped conf/metacortex.yml, only the API connector bound"
                        + " to 127.0.0.1 and METACORTEX_LOG_LEVEL at its default INFO: route metrics, request ids,"
                        + " the access log (to the console, here the host's log file), authentication, row-level"
                        + " security and per-plugin database roles all on; plugins tasks, notes, habits (copied to"
                        + " its plugins directory) and the sample fixture (POST /admin/plugins); the tasks plugin's"
                        + " connections from its per-plugin pool (8 at most, its own role)");
        configuration.put(
                "hostRequestId", answer.headers().firstValue("X-Request-Id").isPresent());
        configuration.put(
                "baseline",
                "bench/ BaselineApplication (plain Dropwizard, bench/baseline.yml): the tasks plugin's own"
                        + " TaskResource/TaskService/TaskDao at /api/tasks, StaticTokenFilter (the bench user's token,"
                        + " hashed and looked up in memory), PublicResource at /api/tasks/public; Dropwizard's default"
                        + " request log to the console (its log file); its pool as baseline.yml sets it (20 at most,"
                        + " the superuser, to which row-level security does not apply)");
        Map<String, Object> routes = new LinkedHashMap<>();
        routes.put(
                "public",
                "host GET /api/sample/public (the sample's @PublicRoute, anonymous) vs baseline GET /api/tasks/public:"
                        + " no database, no user, {\"anonymous\":true}");
        routes.put("list", "GET /api/tasks?limit=20 with the bench user's token, same DAO on both");
        routes.put(
                "post", "POST /api/tasks {\"title\": \"Bench task\", \"priority\": \"HIGH\"} (lib/post-no-tags.lua)");
        routes.put("post-tags", "POST /api/tasks, the same with \"tags\": [\"bench\", \"load\"] (lib/post.lua)");
        configuration.put("routes", routes);
        configuration.put("seededTasks", seedTasks + " of the bench user and as many of another user, on each side");
        return configuration;
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rounds", rounds);
        settings.put("durationSeconds", seconds);
        settings.put("jitWarmupSeconds", jitWarmup);
        settings.put("profileSeconds", profileSeconds);
        Map<String, Object> connections = new LinkedHashMap<>();
        levels.forEach((route, counts) -> connections.put(route.name(), counts));
        settings.put("connections", connections);
        settings.put("wrkThreads", 2);
        return settings;
    }

    /** Each route on each side, at 16 connections (8 for writes), for BENCH_JIT_WARMUP seconds: not reported. */
    private void warmUp(Side[] sides, List<Route> routes) throws Exception {
        for (Route route : routes) {
            int connections = route.method().equals("GET") ? 16 : 8;
            for (Side side : sides) {
                log("JIT warm-up: " + side.name() + " " + route.name() + " (" + jitWarmup + " s)");
                load("warmup-" + side.name() + "-" + route.name() + ".out", side, route, connections, jitWarmup);
            }
        }
    }

    /**
     * {@code rounds} rounds of every level of every route, host and baseline one after the other (the first side
     * alternating by round). @return per point, both sides' rounds and medians and the ratios host/baseline
     */
    private List<Map<String, Object>> rounds(Side[] sides, List<Route> routes) throws Exception {
        Map<String, List<Wrk.Result>> measured = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Route route : routes) {
                for (int connections : levels.get(route)) {
                    for (int s = 0; s < sides.length; s++) {
                        Side side = sides[(s + round + 1) % sides.length];
                        String name = "r" + round + "-" + side.name() + "-" + route.name() + "-c" + connections;
                        Wrk.Result result = load(name + ".out", side, route, connections, seconds);
                        log(String.format(
                                "round %d: %s %s c%d: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d failed",
                                round,
                                side.name(),
                                route.name(),
                                connections,
                                result.rps(),
                                result.p50(),
                                result.p99(),
                                result.failed()));
                        measured.computeIfAbsent(
                                        route.name() + " " + connections + " " + side.name(), k -> new ArrayList<>())
                                .add(result);
                    }
                }
            }
        }
        List<Map<String, Object>> points = new ArrayList<>();
        for (Route route : routes) {
            for (int connections : levels.get(route)) {
                String key = route.name() + " " + connections + " ";
                points.add(RequestsReport.point(
                        route.name(), connections, measured.get(key + "host"), measured.get(key + "baseline")));
            }
        }
        return points;
    }

    /** One wrk run; fails the bench when either server has exited meanwhile. */
    private Wrk.Result load(String output, Side side, Route route, int connections, int duration) throws Exception {
        List<String> headers = route.authenticated() ? List.of(authorization) : List.of();
        Wrk.Result result = wrk.run(output, url(side, route), connections, duration, route.script(), headers, Map.of());
        require(host.isAlive(), "the host exited during " + output + ": see requests-host.log");
        require(baseline.isAlive(), "the baseline exited during " + output + ": see requests-baseline.log");
        return result;
    }

    /**
     * JFR ({@code settings=profile}, started with jcmd for {@code BENCH_PROFILE_SECONDS}) of one side under wrk on the
     * no-database route with 16 connections. @return benchtool.jfr_top's summary of the recording
     */
    private Map<String, Object> profile(Side side) throws Exception {
        Path recording = work.resolve(side.name() + "-public.jfr");
        String name = "requests-" + side.name();
        log("profile: JFR on " + side.name() + ", public route, 16 connections (" + profileSeconds + " s)");
        jcmd(
                side.pid(),
                "JFR.start",
                "name=" + name,
                "settings=profile",
                "duration=" + profileSeconds + "s",
                "filename=" + recording);
        Wrk.Result result =
                load("profile-" + side.name() + ".out", side, PUBLIC, 16, profileSeconds + 1); // outlasts the recording
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jcmd(side.pid(), "JFR.check").contains("name=" + name) || !Files.exists(recording)) {
            require(System.nanoTime() < deadline, "the JFR recording of " + side.name() + " did not end");
            Thread.sleep(200); // the bench's bounded poll for the recording to be written
        }
        Map<String, Object> summary = jfrTop(recording);
        summary.put("rpsUnderProfile", result.rps());
        summary.put("recording", "bench/target/" + work.getFileName() + "/" + recording.getFileName());
        return summary;
    }

    private Map<String, Object> jfrTop(Path recording) throws Exception {
        String summary = runTool(
                List.of(
                        "python3",
                        "-c",
                        "import json, sys; sys.path.insert(0, sys.argv[1]); import benchtool;"
                                + " print(json.dumps(benchtool.jfr_top(sys.argv[2], 15)))",
                        lib.toString(),
                        recording.toString()),
                360);
        return JSON.readValue(summary, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    private String jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
        line.addAll(Arrays.asList(command));
        return runTool(line, 60);
    }

    /** Runs a tool to its end (bounded, destroyed by its PID when it overruns). @return its output, stderr included */
    private String runTool(List<String> command, int timeoutSeconds) throws Exception {
        Path output = Files.createTempFile(work, "tool-", ".out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            require(process.waitFor(timeoutSeconds, TimeUnit.SECONDS), command.get(0) + " did not end");
            String text = Files.readString(output, StandardCharsets.UTF_8);
            require(process.exitValue() == 0, String.join(" ", command) + " failed: " + text);
            return text;
        } finally {
            process.destroy();
            Files.delete(output);
        }
    }

    private String url(Side side, Route route) {
        return "http://127.0.0.1:" + side.port() + path(side, route);
    }

    private static String path(Side side, Route route) {
        return side.name().equals("host") ? route.hostPath() : route.baselinePath();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", Arrays.asList(fields).subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    private int setting(String name, int full, int quickDefault) {
        return Integer.parseInt(env(name, String.valueOf(quick ? quickDefault : full)));
    }

    private static List<Integer> connections(String name, String fallback) {
        return Arrays.stream(env(name, fallback).trim().split("\\s+"))
                .map(Integer::parseInt)
                .toList();
    }

    /** The shutdown hook: every process this JVM started and still runs, by PID (SIGTERM, then waiting 30 s). */
    private static void stopChildren() {
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }

    private static void log(String message) {
        System.err.println("[requests-bench] " + message);
    }
}
