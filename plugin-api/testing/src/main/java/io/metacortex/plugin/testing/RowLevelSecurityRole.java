package io.metacortex.plugin.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A database role that does not bypass row-level security, with the rights a plugin's login role has on its schema
 * (use, read and write every table, use every sequence): the test database's own user is a superuser, and superusers
 * always bypass row-level security, so a test of the policies connects as this role, with {@code app.user_id} set
 * the way the host sets it on a plugin's connections. Roles belong to the whole server, which other builds share: the
 * name is this instance's own, and {@link #close} drops it.
 *
 * <p>Create it after the migrations (the grants cover the tables that exist then).
 */
public final class RowLevelSecurityRole implements AutoCloseable {

    private final PluginDatabase db;
    private final String name;

    private RowLevelSecurityRole(PluginDatabase db, String name) {
        this.db = db;
        this.name = name;
    }

    /** Creates the role on the server, with its rights on the plugin's schema. */
    public static RowLevelSecurityRole create(PluginDatabase db) {
        String name = db.schema().replaceFirst("^plugin_", "") + "_rls_test_"
                + UUID.randomUUID().toString().replace("-", "");
        String schema = db.schema();
        db.jdbi().useHandle(h -> {
            h.execute("CREATE ROLE " + name + " NOLOGIN");
            h.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + name);
            h.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + name);
            h.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + name);
        });
        return new RowLevelSecurityRole(db, name);
    }

    /** @return the role's name */
    public String name() {
        return name;
    }

    /**
     * @return a handle acting as this role, with {@code app.user_id} not set (so it sees no rows) until
     *     {@link #actAs} sets it; the caller closes it
     */
    public Handle open() {
        Handle handle = db.jdbi().open();
        handle.execute("SET ROLE " + name);
        return handle;
    }

    /** Sets {@code app.user_id} on the handle's connection as the host does, e.g. to a user id or {@code ""}. */
    public static void actAs(Handle handle, String userId) {
        handle.createQuery("SELECT set_config('app.user_id', :id, false)")
                .bind("id", userId)
                .mapTo(String.class)
                .one();
    }

    /**
     * A Jdbi whose connections act as the host's do for a request: as this role, with {@code app.user_id} set to the
     * user {@code currentUser} names when the connection is opened (for a service or DAO under test).
     */
    public Jdbi jdbi(Supplier<UUID> currentUser) {
        return Jdbi.create(() -> {
            Connection connection = db.dataSource().getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET ROLE " + name);
            }
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT set_config('app.user_id', ?, false)")) {
                statement.setString(1, currentUser.get().toString());
                statement.execute();
            }
            return connection;
        });
    }

    /** Drops what the role owns and the role. */
    @Override
    public void close() {
        db.jdbi().useHandle(h -> {
            h.execute("DROP OWNED BY " + name);
            h.execute("DROP ROLE " + name);
        });
    }
}
