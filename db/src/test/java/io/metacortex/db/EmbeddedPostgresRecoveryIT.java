package io.metacortex.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metacortex.db.testing.PostgresProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The embedded server of a JVM that ends, by {@code SIGTERM} (shutdown hooks run) or {@code SIGKILL} (they do not),
 * at any moment: after a {@code SIGTERM} nothing is left running; after a {@code SIGKILL}, the next start stops what
 * is left and serves the same data, whichever account ran the server before and runs it now.
 */
class EmbeddedPostgresRecoveryIT {

    private static final Duration GONE = Duration.ofSeconds(30);

    private Path dataDir;
    private ServerJvm jvm;

    @BeforeEach
    void dataDirectory(@org.junit.jupiter.api.io.TempDir Path tempDir) throws Exception {
        // The account nobody must reach the data directory through JUnit's root-only temp dir.
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwx--x--x"));
        dataDir = tempDir.resolve("pg");
    }

    @AfterEach
    void killWhatIsLeft() {
        try {
            if (jvm != null) {
                jvm.close();
            }
        } finally {
            PostgresProcesses.killAll(dataDir);
        }
    }

    /** Accounts: empty for the default (a user namespace, as root), or the account forced by the property. */
    @ParameterizedTest(name = "orphan run as [{0}], next start as [{1}]")
    @CsvSource({"'', ''", "nobody, nobody", "nobody, ''", "'', nobody"})
    void theNextStartStopsTheServerAJvmKilledBySigkillLeftRunning(String orphanAccount, String nextAccount)
            throws Exception {
        assumeRootFor(orphanAccount, nextAccount);
        jvm = ServerJvm.launch(dataDir, accountProperty(orphanAccount));
        int orphanPort = jvm.awaitStarted();
        try (Connection c = DriverManager.getConnection(url(orphanPort), "postgres", superuserPassword());
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (v TEXT)");
            st.execute("INSERT INTO kept VALUES ('survives')");
        }
        List<ProcessHandle> orphan = PostgresProcesses.postmasters(dataDir);
        assertThat(orphan).hasSize(1);

        jvm.kill();
        assertThat(orphan.get(0).isAlive())
                .as("the postmaster outlives a JVM killed by SIGKILL")
                .isTrue();

        try (EmbeddedPostgresServer server = start(nextAccount)) {
            assertThat(orphan.get(0).isAlive()).isFalse();
            assertThat(PostgresProcesses.postmasters(dataDir)).hasSize(1).doesNotContain(orphan.get(0));
            assertThat(readKept(server.port())).isEqualTo("survives");
        }
        assertThat(PostgresProcesses.of(dataDir)).isEmpty();
    }

    @Test
    void sigtermStopsTheServer() throws Exception {
        jvm = ServerJvm.launch(dataDir);
        jvm.awaitStarted();
        assertThat(PostgresProcesses.postmasters(dataDir)).hasSize(1);

        jvm.terminate();

        assertThat(jvm.awaitExit()).isNotZero();
        PostgresProcesses.awaitNone(dataDir, GONE);
        assertThat(jvm.output()).containsOnlyOnce("Embedded PostgreSQL on port");
    }

    @Test
    void sigtermWhileInitdbRunsLeavesNothingRunningAndAClusterTheNextStartUses() throws Exception {
        jvm = ServerJvm.launch(dataDir);
        awaitInitdb();

        jvm.terminate();

        assertThat(jvm.awaitExit()).isNotZero();
        PostgresProcesses.awaitNone(dataDir, GONE);
        // Whether the refused start gets to log "the JVM is exiting" races with the JVM's halt once its shutdown hooks
        // are done (seen on a loaded machine): what must hold is that no server started and nothing is left running.
        assertThat(jvm.output()).doesNotContain("Embedded PostgreSQL started");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(readKept(server.port())).isNull();
        }
    }

    @Test
    void theNextStartCreatesTheClusterAgainWhenInitdbWasKilledWithItsJvm() throws Exception {
        jvm = ServerJvm.launch(dataDir);
        awaitInitdb();
        // Killed once it has written part of the cluster (seen running, it may not have written anything yet).
        await("initdb writing into " + dataDir)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    try (var files = Files.list(dataDir)) {
                        return files.findAny().isPresent();
                    }
                });

        // As when the whole service is killed (its cgroup, the OOM killer): the JVM and initdb with it.
        jvm.kill();
        PostgresProcesses.killAll(dataDir);
        assertThat(ClusterDirectory.marker(dataDir)).exists();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(readKept(server.port())).isNull();
            assertThat(ClusterDirectory.marker(dataDir)).doesNotExist();
        }
    }

    @Test
    void aDataDirectoryWhoseJvmStillRunsIsRefusedAndItsServerKept() throws Exception {
        jvm = ServerJvm.launch(dataDir);
        int port = jvm.awaitStarted();

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is in use by another process (PID " + jvm.pid() + ")");

        assertThat(readKept(port)).isNull();
        assertThat(PostgresProcesses.postmasters(dataDir)).hasSize(1);
    }

    private void awaitInitdb() {
        await("initdb running on " + dataDir)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> PostgresProcesses.of(dataDir).stream()
                        .anyMatch(p -> p.info()
                                .command()
                                .map(c -> c.endsWith("/initdb"))
                                .orElse(false)));
    }

    private EmbeddedPostgresServer start(String account) {
        return account.isEmpty()
                ? EmbeddedPostgresServer.start(dataDir, 0)
                : EmbeddedPostgresServer.startAs(dataDir, 0, account);
    }

    private static String[] accountProperty(String account) {
        return account.isEmpty()
                ? new String[0]
                : new String[] {"-D" + EmbeddedPostgresServer.ACCOUNT_PROPERTY + "=" + account};
    }

    private static void assumeRootFor(String... accounts) {
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(
                root || List.of(accounts).stream().allMatch(String::isEmpty),
                "only root can switch to another account");
    }

    /** @return the row the first server stored, or null in a cluster that never had it */
    private String readKept(int port) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(port), "postgres", superuserPassword());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    /** @return the superuser's password, as the server stored it for the host */
    private String superuserPassword() {
        try {
            return Files.readString(EmbeddedPostgresServer.passwordFile(dataDir))
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }
}
