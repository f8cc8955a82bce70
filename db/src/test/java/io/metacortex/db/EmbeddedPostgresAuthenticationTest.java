package io.metacortex.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.metacortex.db.plugin.PluginRole;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

/**
 * The embedded cluster trusts nobody, tried from outside with raw JDBC: the superuser and the plugins' roles log in
 * with their passwords only, the superuser's password lives in a file only its owner reads and never in a log, and a
 * cluster created with trust by an earlier version requires passwords from its next start on.
 */
class EmbeddedPostgresAuthenticationTest {

    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    private static Path dataDir;
    private static EmbeddedPostgresServer server;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void start(@TempDir Path directory) {
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
        dataDir = directory.resolve("pg");
        server = EmbeddedPostgresServer.start(dataDir, 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
    }

    @Test
    void theSuperuserLogsInWithItsPasswordOnly() throws Exception {
        assertThat(server.password()).hasSizeGreaterThanOrEqualTo(40);

        assertRefused(server.jdbcUrl(), "postgres", "");
        assertRefused(server.jdbcUrl(), "postgres", "postgres");
        assertRefused(server.jdbcUrl(), "postgres", server.password() + "x");
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password())) {
            assertThat(text(c, "SHOW password_encryption")).isEqualTo("scram-sha-256");
            assertThat(text(c, "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'"))
                    .startsWith("SCRAM-SHA-256$");
            assertThat(text(c, "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules"))
                    .isEqualTo("scram-sha-256");
        }
    }

    @Test
    void thePasswordFileIsTheOwnersOnlyAndThePasswordIsNeverLogged() throws Exception {
        Path file = EmbeddedPostgresServer.passwordFile(dataDir);
        assertThat(file).isEqualTo(dataDir.resolveSibling("pg.password"));
        assertThat(Files.readString(file).strip()).isEqualTo(server.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.getOwner(file).getName()).isEqualTo(System.getProperty("user.name"));

        assertRefused(server.jdbcUrl(), "postgres", "wrong");
        assertThat(LOG.list).extracting(ILoggingEvent::getFormattedMessage).isNotEmpty();
        assertThat(LOG.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(message -> message.contains(server.password()));
        assertThat(Files.readString(dataDir.resolve("postmaster.log"))).doesNotContain(server.password());
    }

    @Test
    void aWiderPasswordFileIsTightenedAtTheNextStart() throws Exception {
        Path copy = tempDir.resolve("pg");
        EmbeddedPostgresServer.start(copy, 0).close();
        Path file = EmbeddedPostgresServer.passwordFile(copy);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(copy, 0)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            DriverManager.getConnection(again.jdbcUrl(), "postgres", again.password())
                    .close();
        }
    }

    @Test
    void aPluginRoleLogsInWithItsOwnPasswordOnly() throws Exception {
        PGSimpleDataSource host = new PGSimpleDataSource();
        host.setURL(server.jdbcUrl());
        host.setUser(server.user());
        host.setPassword(server.password());
        HostSchema.migrate(host);
        PluginRole.Credentials victim = PluginRole.ensure(host, "victim");
        PluginRole.Credentials intruder = PluginRole.ensure(host, "intruder");

        assertRefused(server.jdbcUrl(), victim.user(), "made-up");
        assertRefused(server.jdbcUrl(), victim.user(), "");
        assertRefused(server.jdbcUrl(), victim.user(), intruder.password());
        assertRefused(server.jdbcUrl(), "postgres", intruder.password());
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), intruder.user(), intruder.password());
                Statement st = c.createStatement()) {
            assertThat(text(c, "SELECT current_user")).isEqualTo("plugin_intruder");
            assertThatThrownBy(() -> st.executeQuery("SELECT password FROM metacortex.plugin_roles"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.executeQuery("SELECT rolpassword FROM pg_authid"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), victim.user(), victim.password())) {
            assertThat(text(c, "SELECT current_user")).isEqualTo("plugin_victim");
        }
        assertThat(Files.readString(dataDir.resolve("postmaster.log")))
                .doesNotContain(victim.password())
                .doesNotContain(intruder.password());
    }

    /** As earlier versions created it: initdb with trust, started without a password file. */
    @Test
    void aClusterCreatedWithTrustRequiresPasswordsFromItsNextStart() throws Exception {
        Path old = Files.createDirectories(tempDir.resolve("old"));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwx------"));
        PgCtl pgCtl = new PgCtl(PostgresBinaries.installation(), old, ProcessIdentity.detect());
        pgCtl.initdb();
        int port = freePort();
        pgCtl.start(port);
        try (Connection c = DriverManager.getConnection(url(port), "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (v TEXT)");
            st.execute("INSERT INTO kept VALUES ('survives')");
        } finally {
            pgCtl.stop();
        }
        assertThat(EmbeddedPostgresServer.passwordFile(old)).doesNotExist();

        try (EmbeddedPostgresServer upgraded = EmbeddedPostgresServer.start(old, port)) {
            assertThat(EmbeddedPostgresServer.passwordFile(old)).exists();
            assertThat(LOG.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(message -> message.contains(old + " let local connections in without a password"));
            assertRefused(url(port), "postgres", "");
            assertRefused(url(port), "postgres", "anything");
            try (Connection c = DriverManager.getConnection(url(port), "postgres", upgraded.password())) {
                assertThat(text(c, "SELECT v FROM kept")).isEqualTo("survives");
            }
        }
        assertThat(Files.readString(ClientAuthentication.file(old))).isEqualTo(ClientAuthentication.CONTENT);
    }

    @Test
    void aLostPasswordFileGetsANewPasswordAtTheNextStart() throws Exception {
        Path cluster = tempDir.resolve("pg");
        String first;
        try (EmbeddedPostgresServer created = EmbeddedPostgresServer.start(cluster, 0)) {
            first = created.password();
        }
        Files.delete(EmbeddedPostgresServer.passwordFile(cluster));

        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(cluster, 0)) {
            assertThat(again.password()).isNotEqualTo(first);
            assertRefused(again.jdbcUrl(), "postgres", first);
            DriverManager.getConnection(again.jdbcUrl(), "postgres", again.password())
                    .close();
        }
    }

    @Test
    void anEmptyPasswordFileIsRefusedWithWhatToDo() throws Exception {
        Path cluster = tempDir.resolve("pg");
        EmbeddedPostgresServer.start(cluster, 0).close();
        Files.writeString(EmbeddedPostgresServer.passwordFile(cluster), "\n");

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(cluster, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is empty; delete it");
    }

    private static void assertRefused(String url, String user, String password) {
        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, user, password).close())
                .as("login as %s", user)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("28P01", "08004"));
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
