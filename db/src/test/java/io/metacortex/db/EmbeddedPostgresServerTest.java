package io.metacortex.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metacortex.db.EmbeddedPostgresServer.LaunchMode;
import io.metacortex.db.testing.PostgresProcesses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedPostgresServerTest {

    /** A cluster initialised once, copied by the tests that do not need initdb of their own (it takes seconds). */
    private static Path template;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void initialiseTemplate(@TempDir Path templateDir) {
        template = templateDir.resolve("pg");
        EmbeddedPostgresServer.start(template, 0).close();
    }

    @Test
    void keepsDataAcrossRestarts() throws Exception {
        Path dataDir = copyOfTemplate();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            writeMarker(server);
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(readMarker(server)).isEqualTo("survives");
        }
    }

    @Test
    void runsAsAnUnprivilegedAccountWhenAskedToAsRoot() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can switch to another account");
        // JUnit's temp dir is private to root; the account must be able to reach the data directory.
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwx--x--x"));
        Path dataDir = tempDir.resolve("pg");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startAs(dataDir, 0, "nobody")) {
            assertThat(server.launchMode()).isEqualTo(LaunchMode.UNPRIVILEGED_ACCOUNT);
            assertThat(backendProcessUser(server)).isEqualTo("nobody");
            assertThat(Files.getOwner(dataDir.resolve("PG_VERSION"), LinkOption.NOFOLLOW_LINKS)
                            .getName())
                    .isEqualTo("nobody");
            writeMarker(server);
        }
        // Switching back to the default mode hands the directory back.
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(readMarker(server)).isEqualTo("survives");
        }
    }

    @Test
    void theAccountPropertyForcesTheUnprivilegedPath() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can switch to another account");
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwx--x--x"));
        Path dataDir = copyOfTemplate();
        System.setProperty(EmbeddedPostgresServer.ACCOUNT_PROPERTY, "nobody");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(server.launchMode()).isEqualTo(LaunchMode.UNPRIVILEGED_ACCOUNT);
            assertThat(backendProcessUser(server)).isEqualTo("nobody");
        } finally {
            System.clearProperty(EmbeddedPostgresServer.ACCOUNT_PROPERTY);
        }
    }

    @Test
    void startsAfterTheServerWasKilledLeavingItsPidFile() throws Exception {
        Path dataDir = copyOfTemplate();
        EmbeddedPostgresServer crashed = EmbeddedPostgresServer.start(dataDir, 0);
        writeMarker(crashed);
        List<ProcessHandle> processes = PostgresProcesses.of(dataDir);
        processes.forEach(ProcessHandle::destroyForcibly);
        PostgresProcesses.awaitNone(dataDir, Duration.ofSeconds(30));
        crashed.close();
        long deadPid = pidIn(dataDir.resolve("postmaster.pid"));
        assertThat(ProcessHandle.of(deadPid)).isEmpty();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(readMarker(server)).isEqualTo("survives");
            assertThat(PostgresProcesses.postmasters(dataDir)).hasSize(1);
        }
        assertThat(PostgresProcesses.of(dataDir)).isEmpty();
    }

    @Test
    void startsWhenTheLeftoverPidFileNamesAnUnrelatedProcessAndLeavesThatAlone() throws Exception {
        Path dataDir = copyOfTemplate();
        // After a crash and a reboot, the recorded PID often belongs to some other live process.
        Process unrelated = new ProcessBuilder("sleep", "600").start();
        try {
            Files.writeString(dataDir.resolve("postmaster.pid"), unrelated.pid() + "\n" + dataDir + "\n");

            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
                assertThat(readMarker(server)).isNull();
                assertThat(unrelated.isAlive()).isTrue();
            }
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void startsWhenTheLeftoverPidFileNamesAnotherPostgresAndNeverStopsIt() throws Exception {
        Path dataDir = copyOfTemplate();
        Path otherDir = tempDir.resolve("other");
        try (EmbeddedPostgresServer other = EmbeddedPostgresServer.start(otherDir, 0)) {
            writeMarker(other);
            ProcessHandle otherPostmaster =
                    ProcessHandle.of(pidIn(otherDir.resolve("postmaster.pid"))).orElseThrow();
            // As if our server had once run with the PID that the machine's own cluster has now.
            Files.copy(otherDir.resolve("postmaster.pid"), dataDir.resolve("postmaster.pid"));

            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
                assertThat(readMarker(server)).isNull();
                assertThat(otherPostmaster.isAlive()).isTrue();
                assertThat(readMarker(other)).isEqualTo("survives");
                assertThat(PostgresProcesses.postmasters(otherDir)).containsExactly(otherPostmaster);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "not a pid\n", "-1\n", "99999999999999999999999\n", "\0\0\0\0"})
    void startsWhenThePidFileHoldsNoUsablePid(String content) throws Exception {
        Path dataDir = copyOfTemplate();
        Files.writeString(dataDir.resolve("postmaster.pid"), content);

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(readMarker(server)).isNull();
        }
    }

    /** States an initdb killed midway (with its JVM) leaves; the marker next to the directory proves it never ended. */
    @ParameterizedTest
    @ValueSource(strings = {"empty", "subdirectories only", "half-written PG_VERSION", "no pg_control"})
    void createsTheClusterAgainWhenItsCreationWasInterrupted(String state) throws Exception {
        Path dataDir = tempDir.resolve("pg");
        switch (state) {
            case "empty" -> Files.createDirectories(dataDir);
            case "subdirectories only" -> Files.createDirectories(dataDir.resolve("base/1"));
            case "half-written PG_VERSION" -> {
                Files.createDirectories(dataDir.resolve("global"));
                Files.writeString(dataDir.resolve("PG_VERSION"), "1");
            }
            default -> Files.delete(copyOfTemplate().resolve("global/pg_control"));
        }
        Path marker = tempDir.resolve("pg.initdb");
        Files.writeString(marker, "initdb of " + dataDir + " by PID 1\n");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(readMarker(server)).isNull();
            assertThat(marker).doesNotExist();
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            writeMarker(server);
        }
    }

    @Test
    void refusesADirectoryThatHoldsFilesButNoClusterAndLeavesItAsItIs() throws Exception {
        Path dataDir = Files.createDirectories(tempDir.resolve("pg"));
        Files.writeString(dataDir.resolve("notes.txt"), "not a cluster");

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("holds files but no cluster (no PG_VERSION)")
                    .hasMessageContaining("is left as it is");
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).containsExactly(dataDir.resolve("notes.txt"));
        }
        assertThat(PostgresProcesses.of(dataDir)).isEmpty();
    }

    @Test
    void refusesADataDirectoryAnotherServerUsesAndKeepsThatServer() throws Exception {
        Path dataDir = copyOfTemplate();
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDir, 0)) {
            ProcessHandle postmaster =
                    ProcessHandle.of(pidIn(dataDir.resolve("postmaster.pid"))).orElseThrow();

            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another process");

            assertThat(postmaster.isAlive()).isTrue();
            writeMarker(first);
        }
    }

    @Test
    void aFailedStartLeavesNothingRunningAndTheDirectoryUsable() throws Exception {
        Path dataDir = copyOfTemplate();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, taken.getLocalPort()))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("PostgreSQL did not start");
                assertThat(PostgresProcesses.of(dataDir)).isEmpty();
            }
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            writeMarker(server);
        }
    }

    @Test
    void closeStopsTheServerAndLaterCallsDoNothing() throws Exception {
        Path dataDir = copyOfTemplate();
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0);
        assertThat(PostgresProcesses.postmasters(dataDir)).hasSize(1);

        server.close();
        assertThat(PostgresProcesses.of(dataDir)).isEmpty();
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
        server.close();
        assertThatThrownBy(() -> connect(server).close()).isInstanceOf(SQLException.class);
    }

    /** A copy of the template cluster, with its password file. */
    private Path copyOfTemplate() throws IOException {
        Path copy = tempDir.resolve("pg");
        Files.copy(
                EmbeddedPostgresServer.passwordFile(template),
                EmbeddedPostgresServer.passwordFile(copy),
                StandardCopyOption.COPY_ATTRIBUTES);
        try (Stream<Path> paths = Files.walk(template)) {
            for (Path source : paths.toList()) {
                Files.copy(
                        source,
                        copy.resolve(template.relativize(source).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    private static long pidIn(Path pidFile) throws IOException {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    }

    private static String backendProcessUser(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = connect(server);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return ProcessHandle.of(rs.getLong(1)).orElseThrow().info().user().orElseThrow();
        }
    }

    private static void writeMarker(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = connect(server);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (v TEXT)");
            st.execute("INSERT INTO kept VALUES ('survives')");
        }
    }

    /** @return what {@link #writeMarker} wrote, or null in a cluster it never wrote to */
    private static String readMarker(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = connect(server);
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

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }
}
