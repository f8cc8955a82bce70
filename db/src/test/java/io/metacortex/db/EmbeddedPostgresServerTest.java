package io.metacortex.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metacortex.db.EmbeddedPostgresServer.LaunchMode;
import java.io.IOException;
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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            assertThat(Files.getOwner(dataDir.resolve("PG_VERSION"), LinkOption.NOFOLLOW_LINKS).getName())
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
    void startsAfterTheServerWasKilled() throws Exception {
        Path dataDir = copyOfTemplate();
        EmbeddedPostgresServer crashed = EmbeddedPostgresServer.start(dataDir, 0);
        writeMarker(crashed);
        ProcessHandle postmaster = postmaster(dataDir);
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        postmaster.onExit().join();
        children.forEach(child -> child.onExit().join());
        assertThat(dataDir.resolve("postmaster.pid")).exists();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(readMarker(server)).isEqualTo("survives");
        }
    }

    @Test
    void startsWhenTheLeftoverPidFileNamesAnUnrelatedProcess() throws Exception {
        Path dataDir = copyOfTemplate();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            writeMarker(server);
        }
        // After a crash and a container restart, the recorded PID often belongs to some other live process.
        Files.writeString(dataDir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dataDir + "\n");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(readMarker(server)).isEqualTo("survives");
        }
    }

    @Test
    void startsWhenAnEarlierServerWasLeftRunning() throws Exception {
        Path dataDir = copyOfTemplate();
        // Never closed, as when the JVM that started it died.
        EmbeddedPostgresServer orphan = EmbeddedPostgresServer.start(dataDir, 0);
        writeMarker(orphan);

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThatThrownBy(() -> connect(orphan).close()).isInstanceOf(SQLException.class);
            assertThat(readMarker(server)).isEqualTo("survives");
        }
    }

    private Path copyOfTemplate() throws IOException {
        Path copy = tempDir.resolve("pg");
        try (Stream<Path> paths = Files.walk(template)) {
            for (Path source : paths.toList()) {
                Files.copy(source, copy.resolve(template.relativize(source).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    private static ProcessHandle postmaster(Path dataDir) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static String backendProcessUser(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = connect(server); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return ProcessHandle.of(rs.getLong(1)).orElseThrow().info().user().orElseThrow();
        }
    }

    private static void writeMarker(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = connect(server); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (v TEXT)");
            st.execute("INSERT INTO kept VALUES ('survives')");
        }
    }

    private static String readMarker(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = connect(server); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), "");
    }
}
