package io.metacortex.bench;

import static io.metacortex.bench.Bench.env;
import static io.metacortex.bench.Bench.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.metacortex.db.HostSchema;
import io.metacortex.db.plugin.PluginConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Jobs per second through the host (the sample plugin's {@code record} job: a row inserted by the plugin's own Jdbi)
 * against plain db-scheduler whose task makes the same Jdbi call on a Jdbi built as the host builds a plugin's, on the
 * same PostgreSQL server, with the same scheduler settings
 * (8 workers, lock-and-fetch, 100 ms polling); then 10,000 jobs of which every 20th fails once, through the host:
 * all must succeed eventually, none run twice. Each throughput round schedules its jobs for tomorrow, then makes them
 * all due with one UPDATE and times until the table is empty: only running them is measured, not scheduling them.
 *
 * <p>Run by {@code bench/run-jobs}; arguments: the distribution directory, the sample jar, a work directory and the
 * results directory. Environment: {@code BENCH_PG_HOST}, {@code BENCH_PG_PORT}, {@code BENCH_PG_USER},
 * {@code BENCH_JOBS} (10000), {@code BENCH_ROUNDS} (5).
 */
public final class JobsBench {

    private static final int THREADS = 8;
    private static final Duration POLLING = Duration.ofMillis(100);
    /** The task name of the plugins' jobs in the host's metacortex.scheduled_tasks. */
    private static final String HOST_TASK = "plugin-job";

    private final BenchDatabase database = new BenchDatabase();
    private final int jobs = Integer.parseInt(env("BENCH_JOBS", "10000"));
    private final int rounds = Integer.parseInt(env("BENCH_ROUNDS", "5"));
    private final Path sampleJar;
    private final Path work;
    private final Path results;
    private final BenchHost host;

    private JobsBench(String[] args) {
        sampleJar = Path.of(args[1]);
        work = Path.of(args[2]);
        results = Path.of(args[3]);
        host = new BenchHost("jobs", Path.of(args[0]), work, 18180, Duration.ofMinutes(5));
    }

    public static void main(String[] args) throws Exception {
        Bench.logWarningsOnly();
        new JobsBench(args).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        String hostDb = "mc_bench_jobs_host";
        String plainDb = "mc_bench_jobs_plain";
        database.recreate(hostDb);
        database.recreate(plainDb);
        Map<String, Object> report = new LinkedHashMap<>();
        try {
            host.start(
                    database,
                    hostDb,
                    List.of(),
                    " -Ddw.jobs.threads=" + THREADS + " -Ddw.jobs.pollingInterval=" + POLLING.toMillis() + "ms");
            host.awaitHealthy();
            host.postAsAdmin("/admin/plugins", Files.readAllBytes(sampleJar), "application/java-archive", 201);
            host.createUser("jobs@example.com", "Jobs Bench");
            Scheduler plain = plainScheduler(plainDb);
            try {
                List<Double> hostRates = new ArrayList<>();
                List<Double> plainRates = new ArrayList<>();
                log("warm-up: 2000 jobs on each side");
                hostRound(hostDb, 2000, "warmup");
                plainRound(plain, plainDb, 2000, "warmup");
                for (int round = 1; round <= rounds; round++) {
                    hostRates.add(hostRound(hostDb, jobs, "round" + round));
                    plainRates.add(plainRound(plain, plainDb, jobs, "round" + round));
                    log("round " + round + ": host " + Math.round(hostRates.get(round - 1)) + " jobs/s, plain "
                            + Math.round(plainRates.get(round - 1)) + " jobs/s");
                }
                double hostBest = hostRates.stream().mapToDouble(d -> d).max().orElseThrow();
                double plainBest = plainRates.stream().mapToDouble(d -> d).max().orElseThrow();
                report.put("jobs", jobs);
                report.put("threads", THREADS);
                report.put("pollingIntervalMillis", POLLING.toMillis());
                report.put("hostJobsPerSecond", hostRates);
                report.put("plainJobsPerSecond", plainRates);
                report.put("hostBest", hostBest);
                report.put("plainBest", plainBest);
                report.put("ratio", hostBest / plainBest);
                report.put("ratioMedian", median(hostRates) / median(plainRates));
            } finally {
                plain.stop();
            }
            report.put("transientFailures", failureRound(hostDb));
        } finally {
            host.stop();
        }
        Bench.writeResults(
                results,
                "jobs",
                report,
                database.describe() + ", fresh databases for each side",
                date -> markdown(report, date));
    }

    /** @return jobs per second through the host */
    private double hostRound(String db, int count, String label) throws Exception {
        database.execute(db, "TRUNCATE plugin_sample.job_runs");
        JsonNode created = host.send(
                "POST",
                "/api/sample/jobs",
                "{\"type\": \"record\", \"label\": \"" + label + "\", \"count\": " + count
                        + ", \"delayMillis\": 86400000}",
                200);
        require(created.get("created").asInt() == count, "the host created " + created + " jobs, not " + count);
        double rate = drain(db, HOST_TASK, count);
        require(database.count(db, "SELECT count(*) FROM plugin_sample.job_runs") == count, "host: not every job ran");
        return rate;
    }

    /** @return jobs per second through plain db-scheduler */
    private double plainRound(Scheduler plain, String db, int count, String label) throws Exception {
        database.execute(db, "TRUNCATE job_runs");
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        List<TaskInstance<?>> batch = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            batch.add(RECORD.instance(label + "-" + n, label));
        }
        plain.scheduleBatch(batch, tomorrow);
        double rate = drain(db, RECORD.getName(), count);
        require(database.count(db, "SELECT count(*) FROM job_runs") == count, "plain: not every job ran");
        return rate;
    }

    /**
     * Makes every job due at once and waits until none of the task {@code taskName} is left (the host's own recurring
     * tasks stay in the table). @return jobs per second
     */
    private double drain(String db, String taskName, int count) throws Exception {
        long start = System.nanoTime();
        database.execute(db, "UPDATE metacortex.scheduled_tasks SET execution_time = now()");
        long deadline = start + Duration.ofMinutes(10).toNanos();
        while (database.count(
                        db, "SELECT count(*) FROM metacortex.scheduled_tasks WHERE task_name = '" + taskName + "'")
                > 0) {
            require(System.nanoTime() < deadline, "jobs still waiting after 10 minutes");
            Thread.sleep(20); // the bench's own measuring poll, not a test synchronisation
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** 10,000 jobs through the host, every 20th failing once (retried after 100 to 200 ms). */
    private Map<String, Object> failureRound(String db) throws Exception {
        database.execute(db, "TRUNCATE plugin_sample.job_runs, plugin_sample.job_failures");
        host.send(
                "POST",
                "/api/sample/jobs",
                "{\"type\": \"record\", \"label\": \"fail\", \"count\": " + jobs
                        + ", \"flakyEvery\": 20, \"backoffMillis\": 200, \"delayMillis\": 86400000}",
                200);
        double rate = drain(db, HOST_TASK, jobs);
        long runs = database.count(db, "SELECT count(*) FROM plugin_sample.job_runs");
        long distinct = database.count(db, "SELECT count(DISTINCT job_key) FROM plugin_sample.job_runs");
        long failures = database.count(db, "SELECT count(*) FROM plugin_sample.job_failures");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("jobs", jobs);
        result.put("injectedFailures", failures);
        result.put("succeeded", distinct);
        result.put("succeededShare", distinct / (double) jobs);
        result.put("ranTwice", runs - distinct);
        result.put(
                "leftFailed",
                database.count(
                        db, "SELECT count(*) FROM metacortex.scheduled_tasks WHERE task_name = '" + HOST_TASK + "'"));
        result.put("jobsPerSecond", rate);
        log("transient failures: " + result);
        return result;
    }

    // ------------------------------------------------------------------------------------------------ plain side

    private static volatile Jdbi plainJdbi;

    /**
     * The sample's {@code record} handler, made plain: the same Jdbi call, on a Jdbi built as the host builds a
     * plugin's (connections from {@code PluginConnections}, with {@code app.user_id}; the same Jdbi plugins).
     */
    private static final OneTimeTask<String> RECORD = Tasks.oneTime("record", String.class)
            .execute((instance, context) -> plainJdbi.useHandle(
                    h -> h.createUpdate("INSERT INTO job_runs (job_type, job_key, label, version, attempt, host_pid)"
                                    + " VALUES (:type, :key, :label, :version, :attempt, :pid)")
                            .bind("pid", ProcessHandle.current().pid())
                            .bind("type", "record")
                            .bind("key", instance.getId())
                            .bind("label", instance.getData())
                            .bind("version", "plain")
                            .bind("attempt", context.getExecution().consecutiveFailures + 1)
                            .execute()));

    /** db-scheduler as its documentation sets it up, with the host's settings, on the host's table DDL. */
    private Scheduler plainScheduler(String db) throws Exception {
        ManagedDataSource scheduler = pool(db, 20);
        ManagedDataSource work = pool(db, 8);
        plainJdbi = Jdbi.create(() -> PluginConnections.open(work, PluginConnections.Setup.NONE, ""))
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin());
        HostSchema.migrate(scheduler);
        database.execute(
                db,
                "CREATE TABLE job_runs (id BIGSERIAL PRIMARY KEY, job_type TEXT NOT NULL, job_key TEXT NOT NULL,"
                        + " label TEXT, version TEXT NOT NULL, attempt INT NOT NULL, host_pid BIGINT NOT NULL,"
                        + " ran_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        Scheduler plain = Scheduler.create(scheduler, RECORD)
                .tableName("metacortex.scheduled_tasks")
                .threads(THREADS)
                .pollingInterval(POLLING)
                .pollUsingLockAndFetch(0.5, 1.0)
                .enableImmediateExecution()
                .build();
        plain.start();
        return plain;
    }

    private ManagedDataSource pool(String db, int size) throws Exception {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(database.url(db));
        factory.setUser(database.user());
        factory.setMaxSize(size);
        ManagedDataSource source = factory.build(new com.codahale.metrics.MetricRegistry(), "bench-" + size);
        source.start();
        return source;
    }

    // ------------------------------------------------------------------------------------------------ report

    private String markdown(Map<String, Object> report, String date) {
        @SuppressWarnings("unchecked")
        Map<String, Object> failures = (Map<String, Object>) report.get("transientFailures");
        double ratio = (double) report.get("ratio");
        String md = "# Jobs bench " + date + "\n\n"
                + "`bench/run-jobs`: " + jobs + " jobs per round, " + THREADS
                + " workers, lock-and-fetch polling every "
                + POLLING.toMillis() + " ms, on " + report.get("database") + "; " + report.get("cores")
                + " cores, Java " + report.get("java") + ".\n\n"
                + "| figure | host | plain db-scheduler | target |\n|---|---|---|---|\n"
                + "| jobs/s, best of " + rounds + " rounds | " + Math.round((double) report.get("hostBest")) + " | "
                + Math.round((double) report.get("plainBest")) + " | |\n"
                + "| jobs/s per round | " + rounded(report.get("hostJobsPerSecond")) + " | "
                + rounded(report.get("plainJobsPerSecond")) + " | |\n"
                + "| ratio host / plain (best) | " + String.format("%.2f", ratio) + " | | >= 0.9 "
                + (ratio >= 0.9 ? "met" : "NOT met") + " |\n"
                + "| ratio host / plain (medians) | " + String.format("%.2f", (double) report.get("ratioMedian"))
                + " | | |\n\n"
                + "Transient failures through the host: " + failures.get("jobs") + " jobs, "
                + failures.get("injectedFailures") + " injected failures (every 20th job fails once), "
                + failures.get("succeeded") + " succeeded ("
                + String.format("%.2f", 100 * (double) failures.get("succeededShare"))
                + " %, target 100 %), " + failures.get("ranTwice") + " ran twice (target 0), "
                + failures.get("leftFailed") + " left in the table, "
                + Math.round((double) failures.get("jobsPerSecond")) + " jobs/s including the retries.\n";
        return md;
    }

    private static String rounded(Object rates) {
        @SuppressWarnings("unchecked")
        List<Double> list = (List<Double>) rates;
        return String.join(
                ", ", list.stream().map(r -> String.valueOf(Math.round(r))).toList());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void log(String message) {
        System.err.println("[jobs-bench] " + message);
    }
}
