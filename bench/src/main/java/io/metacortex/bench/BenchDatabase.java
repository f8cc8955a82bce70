package io.metacortex.bench;

import static io.metacortex.bench.Bench.env;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL server the Java benches ({@code JobsBench}, {@code EventsBench}) run on: {@code BENCH_PG_HOST},
 * {@code BENCH_PG_PORT}, {@code BENCH_PG_USER} (127.0.0.1, 5432, postgres; trust auth, no password), and the plain
 * JDBC the benches measure with, one connection a statement.
 */
final class BenchDatabase {

    private final String host = env("BENCH_PG_HOST", "127.0.0.1");
    private final String port = env("BENCH_PG_PORT", "5432");
    private final String user = env("BENCH_PG_USER", "postgres");

    String user() {
        return user;
    }

    /** @return "PostgreSQL at host:port", for the results */
    String describe() {
        return "PostgreSQL at " + host + ":" + port;
    }

    String url(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(url(db), user, "");
    }

    /** Drops the database (closing its connections) if it exists, and creates it empty. */
    void recreate(String db) throws SQLException {
        execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        execute("postgres", "CREATE DATABASE " + db);
    }

    void execute(String db, String sql) throws SQLException {
        try (Connection c = connect(db);
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** @return the first column of the first row, as a long (a count, a max) */
    long count(String db, String sql) throws SQLException {
        try (Connection c = connect(db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
