package io.metacortex.bench;

import static io.metacortex.bench.Bench.require;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the host's cost grows with installed plugins, in one host: the no-database route {@code GET
 * /api/sample/public} under wrk (16 connections) and the install time of one more plugin, with few plugins (the three
 * first-party ones and the sample: 4) and with many (those plus {@code copies} copies of the sample, each a distinct
 * plugin with its own id, schema and routes: 4 + copies). The states alternate: the copies are installed through
 * {@code POST /admin/plugins} and uninstalled with {@code DELETE ?purge=true} between the measured rounds, so both
 * states share the JVM, its JIT and the machine's load of the moment.
 */
final class PluginScale {

    static final int CONNECTIONS = 16;
    private static final String ROUTE = "/api/sample/public";
    private static final String JAR = "application/java-archive";

    private final BenchHost host;
    private final BenchDatabase database;
    private final String db;
    private final Wrk wrk;
    private final byte[] sample;
    private final int copies;
    private final int rounds;
    private final int installRuns;
    private final int warmup;
    private final int duration;

    PluginScale(
            BenchHost host,
            BenchDatabase database,
            String db,
            Wrk wrk,
            Path sampleJar,
            int copies,
            int rounds,
            int installRuns,
            int[] seconds)
            throws Exception {
        this.host = host;
        this.database = database;
        this.db = db;
        this.wrk = wrk;
        this.sample = Files.readAllBytes(sampleJar);
        this.copies = copies;
        this.rounds = rounds;
        this.installRuns = installRuns;
        this.warmup = seconds[0];
        this.duration = seconds[1];
    }

    /** Measures with the host started, the first-party plugins active; installs the sample first. */
    Map<String, Object> run(int jitWarmup) throws Exception {
        host.postAsAdmin("/admin/plugins", sample, JAR, 201);
        List<byte[]> jars = new ArrayList<>();
        for (int n = 1; n <= copies; n++) {
            jars.add(PluginCopies.withId(sample, id(n)));
        }
        byte[] probe = PluginCopies.withId(sample, id(copies + 1));
        ScaleBench.log("plugins: JIT warm-up " + jitWarmup + " s on " + ROUTE);
        wrk.run("plugins-jit.out", host.url(ROUTE), CONNECTIONS, jitWarmup, "get.lua", List.of(), Map.of());
        Map<String, List<Double>> rps =
                new LinkedHashMap<>(Map.of("few", new ArrayList<>(), "many", new ArrayList<>()));
        Map<String, List<Double>> p99 =
                new LinkedHashMap<>(Map.of("few", new ArrayList<>(), "many", new ArrayList<>()));
        Map<String, List<Double>> installs =
                new LinkedHashMap<>(Map.of("few", new ArrayList<>(), "many", new ArrayList<>()));
        List<Map<String, Object>> measured = new ArrayList<>();
        List<Double> copyInstallMillis = new ArrayList<>();
        boolean many = false;
        for (int step = 0; step < 2 * rounds; step++) {
            String state = many ? "many" : "few";
            int installed = many ? 4 + copies : 4;
            wrk.run(
                    "plugins-warmup-" + step + ".out",
                    host.url(ROUTE),
                    CONNECTIONS,
                    warmup,
                    "get.lua",
                    List.of(),
                    Map.of());
            Wrk.Result result = wrk.run(
                    "plugins-" + step + "-" + state + ".out",
                    host.url(ROUTE),
                    CONNECTIONS,
                    duration,
                    "get.lua",
                    List.of(),
                    Map.of());
            require(
                    result.failed() == 0,
                    "failed requests on " + ROUTE + ": see plugins-" + step + "-" + state + ".out");
            List<Double> times = new ArrayList<>();
            for (int run = 0; run < installRuns; run++) {
                times.add(installMillis(probe, id(copies + 1)));
                uninstall(id(copies + 1));
            }
            rps.get(state).add(result.rps());
            p99.get(state).add(result.p99());
            installs.get(state).addAll(times);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", step);
            row.put("state", state);
            row.put("installedPlugins", installed);
            row.put("rps", result.rps());
            row.put("p50Ms", result.p50());
            row.put("p99Ms", result.p99());
            row.put("installMs", times);
            // What the host holds open on the database server, in all and by the plugins' roles.
            row.put(
                    "connections",
                    database.count(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db + "'"));
            row.put(
                    "pluginConnections",
                    database.count(
                            db,
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db
                                    + "' AND usename LIKE 'plugin\\_%'"));
            measured.add(row);
            ScaleBench.log("plugins: " + row);
            if (step < 2 * rounds - 1) {
                if (many) {
                    for (int n = 1; n <= copies; n++) {
                        uninstall(id(n));
                    }
                } else {
                    for (int n = 1; n <= copies; n++) {
                        copyInstallMillis.add(installMillis(jars.get(n - 1), id(n)));
                    }
                }
                many = !many;
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("route", ROUTE);
        report.put("connections", CONNECTIONS);
        report.put("pluginsFew", 4);
        report.put("pluginsMany", 4 + copies);
        report.put("rounds", measured);
        double rpsFew = ScaleBench.median(rps.get("few"));
        double rpsMany = ScaleBench.median(rps.get("many"));
        report.put("rpsMedianFew", rpsFew);
        report.put("rpsMedianMany", rpsMany);
        report.put("rpsRatio", rpsMany / rpsFew);
        report.put("p99MedianFewMs", ScaleBench.median(p99.get("few")));
        report.put("p99MedianManyMs", ScaleBench.median(p99.get("many")));
        double installFew = ScaleBench.median(installs.get("few"));
        double installMany = ScaleBench.median(installs.get("many"));
        report.put("installMedianFewMs", installFew);
        report.put("installMedianManyMs", installMany);
        report.put("installRatio", installMany / installFew);
        report.put("copyInstallMs", copyInstallMillis);
        return report;
    }

    static String id(int n) {
        return String.format("sample%02d", n);
    }

    /** Uploads the plugin, then polls its public route every 2 ms. @return ms from the upload to its first 200 */
    private double installMillis(byte[] jar, String id) throws Exception {
        long start = System.nanoTime();
        host.postAsAdmin("/admin/plugins", jar, JAR, 201);
        long deadline = start + Duration.ofSeconds(30).toNanos();
        while (host.status("/api/" + id + "/public") != 200) {
            require(System.nanoTime() < deadline, id + " did not answer 200 within 30 s of its upload");
            Thread.sleep(2); // the bench's measuring poll, as benchtool.py install_latency
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private void uninstall(String id) throws Exception {
        int status = host.sendAsAdmin("DELETE", "/admin/plugins/" + id + "?purge=true");
        require(status == 200 || status == 204, "uninstalling " + id + " answered " + status);
    }
}
