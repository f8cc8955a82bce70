package io.metacortex.db.testing;

import io.metacortex.db.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server tests run against: {@code METACORTEX_TEST_DB_URL} when set (as
 * {@code METACORTEX_TEST_DB_USER}, default {@code postgres}, with {@code METACORTEX_TEST_DB_PASSWORD}, default none),
 * else the server on 127.0.0.1:5432 when one answers, else an embedded server started once per JVM (with its
 * superuser's generated password, as the host connects to it). Each test gets a database of its own from
 * {@link #createDatabase()}.
 */
public final class TestPostgres {

    private static final String ADMIN_DATABASE = "postgres";
    private static Server server;

    private TestPostgres() {}

    /** @return a new, empty database; closing it drops it */
    public static TestDatabase createDatabase() {
        Server s = server();
        String name = "mc_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(s, "CREATE DATABASE " + name);
        return new TestDatabase(
                s.urlFor(name),
                s.user(),
                s.password(),
                () -> execute(s, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    /** @return a description of the server in use, for test logs */
    public static String describe() {
        return server().urlFor(ADMIN_DATABASE);
    }

    private static synchronized Server server() {
        if (server == null) {
            server = locate();
        }
        return server;
    }

    private static Server locate() {
        String url = System.getenv("METACORTEX_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            String user = System.getenv().getOrDefault("METACORTEX_TEST_DB_USER", "postgres");
            String password = System.getenv().getOrDefault("METACORTEX_TEST_DB_PASSWORD", "");
            String prefix = url.substring(0, url.lastIndexOf('/') + 1);
            return new Server(prefix, user, password);
        }
        if (answers("127.0.0.1", 5432)) {
            return new Server("jdbc:postgresql://127.0.0.1:5432/", "postgres", "");
        }
        try {
            // Stopped by its own shutdown hook when the JVM exits.
            EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(
                    Files.createTempDirectory("metacortex-test-pg").resolve("pg"), 0);
            return new Server(
                    "jdbc:postgresql://127.0.0.1:" + embedded.port() + "/", embedded.user(), embedded.password());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void execute(Server s, String sql) {
        try (Connection c = DriverManager.getConnection(s.urlFor(ADMIN_DATABASE), s.user(), s.password());
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database statement failed: " + sql, e);
        }
    }

    private record Server(String urlPrefix, String user, String password) {
        String urlFor(String database) {
            return urlPrefix + database;
        }
    }
}
