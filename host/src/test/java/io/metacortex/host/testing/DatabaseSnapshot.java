package io.metacortex.host.testing;

import io.metacortex.db.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a failed operation must leave unchanged, read from the database: the registry rows and kept bundles,
 * every non-system schema with its tables and columns, and every plugin schema's migration history and row counts.
 */
public record DatabaseSnapshot(
        List<String> registry,
        List<String> bundles,
        List<String> columns,
        List<String> history,
        List<String> rowCounts) {

    public static DatabaseSnapshot of(TestDatabase database) {
        try (Connection c = database.connect()) {
            List<String> columns = rows(c, """
                    SELECT n.nspname || '.' || coalesce(t.table_name || '.' || t.column_name, '')
                    FROM pg_namespace n
                    LEFT JOIN information_schema.columns t ON t.table_schema = n.nspname
                    WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                    ORDER BY 1""");
            List<String> history = new ArrayList<>();
            List<String> counts = new ArrayList<>();
            for (String schema :
                    rows(c, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'plugin\\_%' ORDER BY 1")) {
                if (!rows(
                                c,
                                "SELECT 1 FROM information_schema.tables WHERE table_schema = '" + schema
                                        + "' AND table_name = 'flyway_schema_history'")
                        .isEmpty()) {
                    history.addAll(rows(
                            c,
                            "SELECT '" + schema + ":' || version || ':' || success || ':' || checksum" + " FROM "
                                    + schema + ".flyway_schema_history ORDER BY installed_rank"));
                }
                for (String table : rows(
                        c,
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
                                + "' ORDER BY 1")) {
                    counts.addAll(
                            rows(c, "SELECT '" + schema + "." + table + "=' || count(*) FROM " + schema + "." + table));
                }
            }
            return new DatabaseSnapshot(
                    rows(
                            c,
                            "SELECT id || ':' || version || ':' || coalesce(previous_version, '-') || ':' || state"
                                    + " || ':' || updated_at FROM metacortex.plugins ORDER BY id"),
                    rows(
                            c,
                            "SELECT plugin_id || ':' || version || ':' || sha256 FROM metacortex.plugin_bundles"
                                    + " ORDER BY 1"),
                    columns,
                    history,
                    counts);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** Runs a statement that returns no rows. */
    public static void execute(TestDatabase database, String sql) {
        try (Connection c = database.connect();
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> query(TestDatabase database, String sql) {
        try (Connection c = database.connect()) {
            return rows(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
