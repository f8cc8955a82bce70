package io.metacortex.db.plugin;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Lets each migration see and write every row of the plugin's tables. A plugin's tables are owned by the role its
 * migrations run as, and their {@code FORCE ROW LEVEL SECURITY} makes its policies apply to that owner too, with no
 * user set during a migration: a data migration would see no row ({@code UPDATE tasks SET series_id = id} updating
 * nothing, {@code INSERT ... SELECT FROM tasks} copying nothing). So before each migration, {@code FORCE} is lifted
 * from the tables of the schema that have it (the owner then bypasses the policies), and after it, set again on
 * them. Both happen in the migration's transaction: whatever fails or dies, {@code FORCE} is never left lifted. A
 * migration therefore cannot drop {@code FORCE} from a table that had it; one it sets on a new table stays.
 */
final class RowSecurityLift implements Callback {

    private final String schema;
    private final List<Long> lifted = new ArrayList<>();

    RowSecurityLift(String schema) {
        this.schema = schema;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            if (event == Event.BEFORE_EACH_MIGRATE) {
                lift(context.getConnection());
            } else {
                restore(context.getConnection());
            }
        } catch (SQLException e) {
            throw new FlywayException(
                    "Could not " + (event == Event.BEFORE_EACH_MIGRATE ? "lift" : "restore")
                            + " FORCE ROW LEVEL SECURITY around a migration of schema " + schema + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public String getCallbackName() {
        return "metacortex-row-security-lift";
    }

    private void lift(Connection connection) throws SQLException {
        lifted.clear();
        // Only tables the migration's role may alter: for any other user (a superuser), policies do not apply anyway.
        try (PreparedStatement st = connection.prepareStatement("""
                SELECT c.oid, c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relforcerowsecurity
                   AND pg_has_role(c.relowner, 'USAGE')""")) {
            st.setString(1, schema);
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    lifted.add(rs.getLong(1));
                    tables.add(rs.getString(2));
                }
            }
            alter(connection, tables, "NO FORCE");
        }
    }

    private void restore(Connection connection) throws SQLException {
        if (lifted.isEmpty()) {
            return;
        }
        try (PreparedStatement st = connection.prepareStatement("SELECT oid::regclass::text FROM pg_class"
                + " WHERE oid::bigint = ANY (?) AND NOT relforcerowsecurity")) {
            Array oids = connection.createArrayOf("bigint", lifted.toArray());
            st.setArray(1, oids);
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            alter(connection, tables, "FORCE");
        }
        lifted.clear();
    }

    private static void alter(Connection connection, List<String> tables, String force) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String table : tables) {
                // regclass text is already quoted and schema-qualified where needed.
                st.execute("ALTER TABLE " + table + " " + force + " ROW LEVEL SECURITY");
            }
        }
    }
}
