package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostProcess;
import io.metacortex.host.testing.RunningHost.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host is SIGKILLed in the middle of an upgrade of plugin {@code sample} from 1.0.0 to 2.0.0 (whose migration
 * V2 sleeps, then adds a column), at moments chosen by real conditions, and started again: the registry row, the
 * kept bundles, the version that answers {@code /api/sample} and the schema's migration history then all say
 * 1.0.0, or all say 2.0.0.
 */
class UpgradeCrashTest {

    private static final byte[] V1 = Fixtures.bytes(Fixtures.SAMPLE_V1);
    private static final byte[] V2 = Fixtures.asVersion(
            Fixtures.SAMPLE_V1,
            "2.0.0",
            Map.of("V2__slow.sql", "SELECT pg_sleep(1.5); ALTER TABLE items ADD COLUMN note TEXT;"));
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static TestDatabase database;
    private static Path directory;
    private static HostProcess host;

    @BeforeAll
    static void startHost() throws IOException {
        database = TestPostgres.createDatabase();
        directory = Files.createTempDirectory("metacortex-crash-test");
        host = HostProcess.start(database, directory);
    }

    @AfterAll
    static void stopHost() throws IOException {
        try {
            host.close();
        } finally {
            database.close();
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @BeforeEach
    void sampleAtVersion1() {
        if (host.admin("GET", "/admin/plugins/sample", null).status() == 200) {
            assertThat(host.admin("DELETE", "/admin/plugins/sample?purge=true", null)
                            .status())
                    .isEqualTo(204);
        }
        assertThat(host.admin("POST", "/admin/plugins", V1).status()).isEqualTo(201);
        host.get("/api/sample/items");
    }

    @Test
    void killedWhileTheMigrationRuns() {
        host.adminAsync("PUT", "/admin/plugins/sample", V2);
        awaitDatabase(
                "the V2 migration sleeping",
                "SELECT pid FROM pg_stat_activity WHERE datname ="
                        + " current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep(1.5)%'");

        host.kill();
        host.restart();

        assertThat(consistentVersion()).isEqualTo("1.0.0");
    }

    @Test
    void killedAfterTheMigrationCommittedBeforeTheRegistryWasWritten() throws SQLException {
        try (Connection lock = database.connect()) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.execute("LOCK TABLE metacortex.plugins IN EXCLUSIVE MODE");
            }
            host.adminAsync("PUT", "/admin/plugins/sample", V2);
            awaitDatabase(
                    "the registry write waiting for the lock",
                    "SELECT pid FROM pg_stat_activity WHERE"
                            + " datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
                            + " AND query LIKE '%INSERT INTO metacortex.plugins %'");
            assertThat(query(
                            "SELECT version FROM plugin_sample.flyway_schema_history WHERE success AND version IS NOT NULL"
                                    + " ORDER BY installed_rank"))
                    .containsExactly("1", "2");

            host.kill();
            lock.rollback();
        }
        host.restart();

        assertThat(consistentVersion()).isEqualTo("2.0.0");
    }

    @Test
    void killedRightAfterTheUpgradeAnswered() {
        assertThat(host.admin("PUT", "/admin/plugins/sample", V2).status()).isEqualTo(200);

        host.kill();
        host.restart();

        assertThat(consistentVersion()).isEqualTo("2.0.0");
    }

    /**
     * Asserts that registry, kept bundles, the running version and the schema agree, and the host is healthy.
     *
     * @return the version they agree on
     */
    private static String consistentVersion() {
        JsonNode about = host.get("/api/sample").json();
        String version = about.get("version").asText();
        List<String> migrations = new ArrayList<>();
        about.get("migrations").forEach(m -> migrations.add(m.asText()));
        String state = query("SELECT version || ' previous ' || coalesce(previous_version, '-') || ' ' || state"
                        + " FROM metacortex.plugins WHERE id = 'sample'")
                .toString();
        List<String> bundles =
                query("SELECT version FROM metacortex.plugin_bundles WHERE plugin_id = 'sample'" + " ORDER BY version");
        List<String> history = query("SELECT version || ':' || success FROM plugin_sample.flyway_schema_history"
                + " WHERE version IS NOT NULL ORDER BY installed_rank");
        List<String> noteColumn = query("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'plugin_sample' AND table_name = 'items' AND column_name = 'note'");
        String seen = "api " + version + " " + migrations + ", registry " + state + ", bundles " + bundles
                + ", history " + history + ", note column " + noteColumn;
        if (version.equals("1.0.0")) {
            assertThat(seen)
                    .isEqualTo("api 1.0.0 [1], registry [1.0.0 previous - ACTIVE], bundles [1.0.0],"
                            + " history [1:true], note column []");
        } else {
            assertThat(seen)
                    .isEqualTo("api 2.0.0 [1, 2], registry [2.0.0 previous 1.0.0 ACTIVE],"
                            + " bundles [1.0.0, 2.0.0], history [1:true, 2:true], note column [note]");
        }
        Reply health = host.healthcheck();
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(host.get("/api/sample/items").status()).isEqualTo(200);
        return version;
    }

    /** Polls {@code sql} on one connection until it returns a row. */
    private static void awaitDatabase(String what, String sql) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (Connection c = database.connect()) {
            while (DatabaseSnapshot.rows(c, sql).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "Gave up waiting for " + what + " after " + DEADLINE + ":\n" + host.logTail());
                }
                Thread.sleep(5);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> query(String sql) {
        return DatabaseSnapshot.query(database, sql);
    }
}
