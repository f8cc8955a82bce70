package io.metacortex.bench;

import static io.metacortex.bench.Bench.JSON;
import static io.metacortex.bench.Bench.env;
import static io.metacortex.bench.Bench.require;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start time of the distribution's host against the plain Dropwizard baseline, each started as a process and timed
 * from the process's start to the first 200 of every route it serves and of its admin {@code /healthcheck}. The host
 * runs with the first-party plugins tasks, notes and habits, on a warm data directory and a warm external database
 * (a first start before the rounds installs the plugins and creates the user); the baseline on its own warm database.
 * Rounds alternate host and baseline. Then the host on its embedded PostgreSQL (warm data directory), with the
 * embedded database's own share read from the host's log, and one more host start recorded by JFR.
 *
 * <p>Run by {@code bench/run-start}; arguments: the distribution directory, the {@code bench/} directory (built), a
 * work directory and the results directory. Environment: {@code BENCH_PG_HOST}, {@code BENCH_PG_PORT},
 * {@code BENCH_PG_USER}, {@code BENCH_ROUNDS} (5), {@code BENCH_JAVA_OPTS}.
 */
public final class StartBench {

    private static final String HOST_DB = "mc_st_host";
    private static final String BASELINE_DB = "mc_st_baseline";
    private static final int HOST_PORT = 18680;
    private static final int BASELINE_PORT = 18690;
    private static final List<String> PLUGINS = List.of("tasks", "notes", "habits");
    private static final double TARGET = 1.25;
    /** The host's own phase timings: {@code Start: <phase> took <n> ms}. */
    private static final Pattern PHASE = Pattern.compile("Start: (.+?) took (\\d+) ms");

    private final BenchDatabase database = new BenchDatabase();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final int rounds = Integer.parseInt(env("BENCH_ROUNDS", "5"));
    private final Path benchDirectory;
    private final Path work;
    private final Path results;
    private final BenchHost host;
    private final BenchHost embedded;
    private final BenchBaseline baseline;

    private StartBench(String[] args) {
        Path distribution = Path.of(args[0]);
        benchDirectory = Path.of(args[1]);
        work = Path.of(args[2]);
        results = Path.of(args[3]);
        host = new BenchHost("start", distribution, work, HOST_PORT, Duration.ofSeconds(30));
        embedded = new BenchHost("embedded", distribution, work, HOST_PORT, Duration.ofSeconds(30));
        baseline = new BenchBaseline("start", benchDirectory, work, BASELINE_PORT);
        host.logLevel("INFO");
        embedded.logLevel("INFO");
    }

    public static void main(String[] args) throws Exception {
        Bench.logWarningsOnly();
        new StartBench(args).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        database.recreate(HOST_DB);
        database.recreate(BASELINE_DB);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rounds", rounds);
        report.put("plugins", PLUGINS);
        try {
            log("first start of the host: installs " + PLUGINS + ", creates the user");
            host.start(database, HOST_DB, PLUGINS, "");
            host.awaitPlugins(PLUGINS);
            host.createUser("start@example.com", "Start Bench");
            stop(host);
            log("second start of the host: writes bin/metacortex's class data sharing archive as it exits");
            host.start(database, HOST_DB, PLUGINS, "");
            ready(host::startedNanos, HOST_PORT, routes(), host.userToken());
            stop(host);
            log("first start of the baseline: migrates its schema");
            baseline.start(database, BASELINE_DB, host.userToken(), host.userId());
            ready(baseline::startedNanos, BASELINE_PORT, List.of("/api/tasks"), host.userToken());
            baseline.stop();

            List<Map<String, Object>> hostRounds = new ArrayList<>();
            List<Map<String, Object>> noCdsRounds = new ArrayList<>();
            List<Map<String, Object>> baselineRounds = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                host.start(database, HOST_DB, PLUGINS, "");
                Map<String, Object> h = ready(host::startedNanos, HOST_PORT, routes(), host.userToken());
                stop(host);
                h.put("phases", phases(host.log()));
                hostRounds.add(h);
                // A CDS option of one's own turns bin/metacortex's archive off: -Xshare:auto is the JVM's default.
                host.start(database, HOST_DB, PLUGINS, " -Xshare:auto");
                Map<String, Object> n = ready(host::startedNanos, HOST_PORT, routes(), host.userToken());
                stop(host);
                noCdsRounds.add(n);
                baseline.start(database, BASELINE_DB, host.userToken(), host.userId());
                Map<String, Object> b =
                        ready(baseline::startedNanos, BASELINE_PORT, List.of("/api/tasks"), host.userToken());
                baseline.stop();
                baselineRounds.add(b);
                log("round " + round + ": host " + h.get("readyMs") + " ms, without CDS " + n.get("readyMs")
                        + " ms, baseline " + b.get("readyMs") + " ms");
            }
            double hostMedian = median(hostRounds, "readyMs");
            double baselineMedian = median(baselineRounds, "readyMs");
            report.put("host", Map.of("rounds", hostRounds, "medianReadyMs", hostMedian));
            report.put(
                    "hostWithoutCds", Map.of("rounds", noCdsRounds, "medianReadyMs", median(noCdsRounds, "readyMs")));
            report.put("baseline", Map.of("rounds", baselineRounds, "medianReadyMs", baselineMedian));
            report.put("ratio", hostMedian / baselineMedian);
            report.put("target", TARGET);
            report.put("phasesMedianMs", medianPhases(hostRounds));

            log("embedded PostgreSQL: two first starts (its cluster, the CDS archive), then " + rounds
                    + " warm starts");
            embedded.startEmbedded(PLUGINS, "");
            embedded.awaitPlugins(PLUGINS);
            embedded.createUser("start@example.com", "Start Bench");
            stop(embedded);
            embedded.startEmbedded(PLUGINS, "");
            ready(embedded::startedNanos, HOST_PORT, routes(), embedded.userToken());
            stop(embedded);
            List<Map<String, Object>> embeddedRounds = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                embedded.startEmbedded(PLUGINS, "");
                Map<String, Object> e = ready(embedded::startedNanos, HOST_PORT, routes(), embedded.userToken());
                stop(embedded);
                e.put("phases", phases(embedded.log()));
                embeddedRounds.add(e);
                log("embedded round " + round + ": " + e.get("readyMs") + " ms, " + e.get("phases"));
            }
            report.put(
                    "embedded",
                    Map.of(
                            "rounds",
                            embeddedRounds,
                            "medianReadyMs",
                            median(embeddedRounds, "readyMs"),
                            "phasesMedianMs",
                            medianPhases(embeddedRounds)));

            log("one more host start recorded by JFR");
            Path recording = work.resolve("start.jfr");
            host.start(
                    database,
                    HOST_DB,
                    PLUGINS,
                    " -XX:StartFlightRecording=filename=" + recording + ",settings=profile");
            report.put("profiled", ready(host::startedNanos, HOST_PORT, routes(), host.userToken()));
            stop(host);
            report.put("profile", jfrTop(recording));
        } finally {
            host.stop();
            embedded.stop();
            baseline.stop();
            for (String db : List.of(HOST_DB, BASELINE_DB)) {
                database.execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
        Bench.writeResults(
                results, "start", report, database.describe() + ", warm databases", date -> markdown(report, date));
    }

    private static List<String> routes() {
        return PLUGINS.stream().map(id -> "/api/" + id).toList();
    }

    /** Stops the host, and fails the bench if it logged an error while starting or stopping. */
    private static void stop(BenchHost host) throws Exception {
        host.stop();
        require(
                Files.readAllLines(host.log()).stream().noneMatch(line -> line.startsWith("ERROR")),
                "the host logged an error: see " + host.log());
    }

    /**
     * Polls every route (with the user's token) and admin {@code /healthcheck} every 5 ms until each has answered 200,
     * at most 2 minutes. @return ms from the process's start to each first 200, and to the last of them
     * ({@code readyMs})
     */
    private Map<String, Object> ready(LongSupplier startedNanos, int port, List<String> routes, String token)
            throws Exception {
        Map<String, HttpRequest> probes = new LinkedHashMap<>();
        for (String route : routes) {
            probes.put(
                    route,
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + route))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + token)
                            .build());
        }
        probes.put(
                "/healthcheck",
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1) + "/healthcheck"))
                        .timeout(Duration.ofSeconds(10))
                        .build());
        Map<String, Object> firstOk = new LinkedHashMap<>();
        long deadline = startedNanos.getAsLong() + Duration.ofMinutes(2).toNanos();
        while (firstOk.size() < probes.size()) {
            for (Map.Entry<String, HttpRequest> probe : probes.entrySet()) {
                if (!firstOk.containsKey(probe.getKey()) && answersOk(probe.getValue())) {
                    firstOk.put(probe.getKey(), (System.nanoTime() - startedNanos.getAsLong()) / 1_000_000);
                }
            }
            require(System.nanoTime() < deadline, "not ready within 2 minutes: " + firstOk);
            Thread.sleep(5); // the bench's own polling interval
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("firstOkMs", firstOk);
        result.put(
                "readyMs",
                firstOk.values().stream().mapToLong(v -> (Long) v).max().orElseThrow());
        return result;
    }

    private boolean answersOk(HttpRequest probe) throws InterruptedException {
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** @return the host's phase timings from its log: {@code Start: <phase> took <n> ms} */
    private static Map<String, Long> phases(Path log) throws IOException {
        Map<String, Long> phases = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = PHASE.matcher(line);
            if (m.find()) {
                phases.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return phases;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> medianPhases(List<Map<String, Object>> rounds) {
        Map<String, List<Long>> all = new LinkedHashMap<>();
        for (Map<String, Object> round : rounds) {
            ((Map<String, Long>) round.get("phases"))
                    .forEach((phase, ms) ->
                            all.computeIfAbsent(phase, p -> new ArrayList<>()).add(ms));
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        all.forEach((phase, values) -> medians.put(
                phase, median(values.stream().mapToDouble(Long::doubleValue).toArray())));
        return medians;
    }

    private static double median(List<Map<String, Object>> rounds, String key) {
        return median(rounds.stream()
                .mapToDouble(r -> ((Number) r.get(key)).doubleValue())
                .toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The recording's hottest methods, by {@code lib/benchtool.py jfr-top}. */
    private Object jfrTop(Path recording) throws Exception {
        Process summary = new ProcessBuilder(
                        "python3",
                        benchDirectory.resolve("lib/benchtool.py").toString(),
                        "jfr-top",
                        recording.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = summary.getInputStream().readAllBytes();
        require(summary.waitFor() == 0, "benchtool.py jfr-top failed on " + recording);
        return JSON.readValue(out, Object.class);
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> report, String date) {
        Map<String, Object> host = (Map<String, Object>) report.get("host");
        Map<String, Object> baseline = (Map<String, Object>) report.get("baseline");
        Map<String, Object> embedded = (Map<String, Object>) report.get("embedded");
        double ratio = (double) report.get("ratio");
        StringBuilder md = new StringBuilder("# Start bench " + date + "\n\n`bench/run-start`: process start to the"
                + " first 200 of every route and of admin /healthcheck, warm data directory and database, host with "
                + report.get("plugins") + " against the plain Dropwizard baseline, alternating, "
                + report.get("rounds") + " rounds; " + report.get("database") + "; " + report.get("cores")
                + " cores, Java " + report.get("java")
                + ".\n\n| | median ready ms | rounds (ready ms) |\n|---|---|---|\n");
        for (Map.Entry<String, Map<String, Object>> side : List.of(
                Map.entry("host, external PostgreSQL", host),
                Map.entry("host, external PostgreSQL, without CDS (`-Xshare:auto`)", (Map<String, Object>)
                        report.get("hostWithoutCds")),
                Map.entry("baseline", baseline),
                Map.entry("host, embedded PostgreSQL", embedded))) {
            List<Map<String, Object>> rounds =
                    (List<Map<String, Object>>) side.getValue().get("rounds");
            md.append(Bench.tableRow(
                    side.getKey(),
                    Math.round((double) side.getValue().get("medianReadyMs")),
                    String.join(
                            ", ",
                            rounds.stream()
                                    .map(r -> String.valueOf(r.get("readyMs")))
                                    .toList())));
        }
        md.append(String.format(
                "%nRatio host/baseline of the medians: **%.2f** (target <= %.2f: %s).%n%n",
                ratio, TARGET, ratio <= TARGET ? "met" : "missed"));
        md.append("Host phases, median ms (its `Start: ... took` log lines), external: ")
                .append(report.get("phasesMedianMs"))
                .append("; embedded: ")
                .append(embedded.get("phasesMedianMs"))
                .append(".\n\nJFR of one host start (")
                .append(((Map<String, Object>) report.get("profiled")).get("readyMs"))
                .append(" ms to ready), hottest methods (top frame):\n\n| method | % of samples |\n|---|---|\n");
        Map<String, Object> profile = (Map<String, Object>) report.get("profile");
        for (Map<String, Object> top : (List<Map<String, Object>>) profile.getOrDefault("selfTop", List.of())) {
            md.append("| `")
                    .append(top.get("method"))
                    .append("` | ")
                    .append(top.get("pct"))
                    .append(" |\n");
        }
        md.append("\nPackages on the stack (inclusive):\n\n| package | % of samples |\n|---|---|\n");
        for (Map<String, Object> top :
                (List<Map<String, Object>>) profile.getOrDefault("packagesInclusive", List.of())) {
            md.append("| `")
                    .append(top.get("package"))
                    .append("` | ")
                    .append(top.get("pct"))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static void log(String message) {
        System.err.println("[start-bench] " + message);
    }
}
