package io.metacortex.host.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.db.EmbeddedPostgresServer;
import io.metacortex.db.testing.PostgresProcesses;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host on its embedded PostgreSQL, in a JVM of its own: the database never outlives the host when it fails to
 * start or is stopped by SIGTERM at any moment, and a host started again after a SIGKILL takes over what the killed
 * one left running.
 */
class EmbeddedDatabaseLifecycleIT {

    private static final Duration GONE = Duration.ofSeconds(30);
    /** Flyway's line as it applies the slow migration of the plugin the deploy folder installs at start. */
    private static final String PLUGIN_MIGRATING = "to version \"2 - slow\"";

    private static final String CREATING_CLUSTER = "Creating a PostgreSQL cluster";

    @TempDir
    Path directory;

    private HostProcess host;

    @BeforeEach
    void host() {
        host = HostProcess.onEmbeddedDatabase(directory);
    }

    @AfterEach
    void killWhatIsLeft() {
        try {
            host.close();
        } finally {
            PostgresProcesses.killAll(host.postgresDirectory());
        }
    }

    @Test
    void aHostThatCannotBindItsPortExitsAndLeavesNoPostgresRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(host.port(), 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(taken.getLocalPort()).isEqualTo(host.port());
            for (int attempt = 1; attempt <= 3; attempt++) {
                host.launch();

                assertThat(host.awaitExit())
                        .as("exit code of attempt %d", attempt)
                        .isNotZero();
                PostgresProcesses.awaitNone(host.postgresDirectory(), GONE);
                assertThat(occurrences(host.log(), "Failed to bind")).isGreaterThanOrEqualTo(attempt);
                assertThat(occurrences(host.log(), "Embedded PostgreSQL started on"))
                        .isEqualTo(attempt);
                assertThat(occurrences(host.log(), "Embedded PostgreSQL on port"))
                        .isEqualTo(attempt);
            }
        }
        assertThat(host.log()).doesNotContain("left running");

        host.launch();
        host.awaitReady();
        assertThat(host.healthcheck().status()).isEqualTo(200);
        stopBySigtermCleanly();
    }

    @Test
    void aHostWhoseWiringThrowsExitsAndLeavesNoPostgresRunning() throws Exception {
        Files.createDirectories(directory.resolve("data"));
        Files.writeString(directory.resolve("data/secret-keys"), "not the key file the host wrote\n");

        host.launch();

        assertThat(host.awaitExit()).isNotZero();
        PostgresProcesses.awaitNone(host.postgresDirectory(), GONE);
        assertThat(host.log())
                .contains("Embedded PostgreSQL started on")
                .contains("has no 'keys' line")
                .containsOnlyOnce("Embedded PostgreSQL on port");
    }

    @Test
    void aHostWhoseSchemaMigrationFailsExitsAndLeavesNoPostgresRunning() throws Exception {
        host.launch();
        host.awaitReady();
        stopBySigterm();
        try (EmbeddedPostgresServer database = EmbeddedPostgresServer.start(host.postgresDirectory(), 0);
                Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement st = c.createStatement()) {
            // The applied V1 no longer matches the host's V1: Flyway's validation refuses to migrate.
            assertThat(st.executeUpdate("UPDATE metacortex.flyway_schema_history SET checksum = checksum + 1"
                            + " WHERE version = '1'"))
                    .isEqualTo(1);
        }

        host.launch();

        assertThat(host.awaitExit()).isNotZero();
        PostgresProcesses.awaitNone(host.postgresDirectory(), GONE);
        assertThat(host.log()).contains("Could not migrate the host schema");
    }

    @Test
    void aHostStartedAfterASigkillStopsThePostgresLeftRunningAndServesTheSameData() {
        host.launch();
        host.awaitReady();
        assertThat(host.get("/api/me").status()).isEqualTo(200);
        List<ProcessHandle> orphan = PostgresProcesses.postmasters(host.postgresDirectory());
        assertThat(orphan).hasSize(1);

        host.kill();
        assertThat(orphan.get(0).isAlive())
                .as("the postmaster outlives a host killed by SIGKILL")
                .isTrue();

        host.launch();
        host.awaitReady();
        assertThat(host.log()).contains("were left running on " + host.postgresDirectory());
        assertThat(orphan.get(0).isAlive()).isFalse();
        assertThat(PostgresProcesses.postmasters(host.postgresDirectory()))
                .hasSize(1)
                .doesNotContain(orphan.get(0));
        assertThat(host.get("/api/me").status())
                .as("the user and token made before the kill")
                .isEqualTo(200);
        stopBySigtermCleanly();
    }

    /** Moments of the start: initdb runs; the database is up and the host is being wired; a plugin migrates. */
    @ParameterizedTest
    @ValueSource(strings = {CREATING_CLUSTER, "Embedded PostgreSQL started on", PLUGIN_MIGRATING})
    void aSigtermDuringTheStartLeavesNoPostgresRunning(String moment) throws Exception {
        Files.createDirectories(directory.resolve("deploy"));
        Files.write(
                directory.resolve("deploy/sample.jar"),
                Fixtures.asVersion(Fixtures.SAMPLE_V1, "2.0.0", Map.of("V2__slow.sql", "SELECT pg_sleep(3);")));
        host.launch();
        host.awaitLog(moment);

        stopBySigterm();

        if (moment.equals(CREATING_CLUSTER)) {
            // The cluster whose creation the SIGTERM met serves the next start.
            host.launch();
            host.awaitReady();
            assertThat(host.admin("GET", "/admin/plugins/sample", null).status())
                    .isEqualTo(200);
            stopBySigtermCleanly();
        }
    }

    private void stopBySigterm() {
        host.terminate();
        assertThat(host.awaitExit()).isNotZero();
        PostgresProcesses.awaitNone(host.postgresDirectory(), GONE);
    }

    /**
     * Stops a host that is up, and checks that the stop went in order: no warning or error (as when two shutdown
     * hooks stop and destroy the server at once), PostgreSQL stopped once, once the server stops.
     */
    private void stopBySigtermCleanly() {
        stopBySigterm();
        String lastRun = host.log().substring(host.log().lastIndexOf("Started oejs.Server"));
        assertThat(lastRun.lines().filter(line -> line.startsWith("WARN") || line.startsWith("ERROR")))
                .as("warnings and errors while the host stopped")
                .isEmpty();
        assertThat(occurrences(lastRun, "Embedded PostgreSQL on port")).isEqualTo(1);
        assertThat(lastRun.indexOf("Embedded PostgreSQL on port"))
                .isGreaterThan(lastRun.indexOf("Stopped oejs.Server"));
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
