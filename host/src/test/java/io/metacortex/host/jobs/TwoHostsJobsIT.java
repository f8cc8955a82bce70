package io.metacortex.host.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostProcess;
import io.metacortex.host.testing.RunningHost.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts, each in a JVM of its own, on one database: of 10,000 jobs, scheduled half through each, every one runs
 * exactly once, counted in the database (the sample's job_runs, one row per completed run, with the host's pid).
 */
class TwoHostsJobsIT {

    private static final int JOBS = 10_000;

    @Test
    void twoHostsOnOneDatabaseRunEachOfTenThousandJobsExactlyOnce(@TempDir Path first, @TempDir Path second) {
        try (TestDatabase database = TestPostgres.createDatabase();
                HostProcess a = HostProcess.start(database, first)) {
            Reply installed = a.admin("POST", "/admin/plugins", Fixtures.bytes(Fixtures.SAMPLE_V1));
            assertThat(installed.status()).as(installed.body()).isEqualTo(201);
            try (HostProcess b = HostProcess.start(database, second)) {
                assertThat(b.get("/api/sample").status()).isEqualTo(200);

                Reply fromA = a.postJson(
                        "/api/sample/jobs", "{\"type\": \"record\", \"label\": \"a\", \"count\": " + JOBS / 2 + "}");
                Reply fromB = b.postJson(
                        "/api/sample/jobs", "{\"type\": \"record\", \"label\": \"b\", \"count\": " + JOBS / 2 + "}");
                assertThat(fromA.json().get("created").asInt()).as(fromA.body()).isEqualTo(JOBS / 2);
                assertThat(fromB.json().get("created").asInt()).as(fromB.body()).isEqualTo(JOBS / 2);

                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> count(
                                        database,
                                        "SELECT count(*) FROM metacortex.scheduled_tasks WHERE task_name = 'plugin-job'")
                                == 0);

                assertThat(count(database, "SELECT count(*) FROM plugin_sample.job_runs"))
                        .isEqualTo(JOBS);
                assertThat(count(database, "SELECT count(DISTINCT job_key) FROM plugin_sample.job_runs"))
                        .isEqualTo(JOBS);
                List<String> pids = DatabaseSnapshot.query(
                        database, "SELECT DISTINCT host_pid::text FROM plugin_sample.job_runs ORDER BY 1");
                assertThat(pids)
                        .as("both hosts ran jobs")
                        .containsExactlyInAnyOrder(String.valueOf(a.pid()), String.valueOf(b.pid()));
            }
        }
    }

    private static long count(TestDatabase database, String sql) {
        return Long.parseLong(DatabaseSnapshot.query(database, sql).get(0));
    }
}
