package io.metacortex.plugin.testing;

import io.metacortex.db.HostSchema;
import io.metacortex.db.plugin.MigrationScript;
import io.metacortex.db.plugin.PluginConnections;
import io.metacortex.db.plugin.PluginMigrationException;
import io.metacortex.db.plugin.PluginMigrator;
import io.metacortex.db.plugin.PluginRole;
import io.metacortex.db.plugin.PluginSchema;
import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database (dropped on {@link #close}) with a plugin's migrations applied to {@code plugin_<id>}
 * exactly as the host applies them at install: by the host's own migrator, with its Flyway settings, connected as the
 * plugin's own role {@code plugin_<id>}, which owns that schema and nothing else (where the test database's user may
 * not create roles, as its user with the schema as search path, as the host does then). A migration that needs more
 * than the role fails here, with the message the host would give, instead of passing the plugin's tests and failing at
 * install.
 *
 * <p>Two Jdbis: {@link #pluginJdbi} connects as the plugin does once installed (its role, {@code app.user_id} set on
 * every connection, the same Jdbi plugins), and is the one a {@link TestPluginContext} hands the plugin; {@link #jdbi}
 * connects as the database's owner, a superuser that row-level security does not restrict, for setting up data and
 * checking it whoever owns it.
 *
 * <p>The migrations are read from the {@code db/migration} folder next to the given plugin class (the module's
 * {@code target/classes}, or its jar), as the host reads them from the bundle; see {@link PluginMigrations}.
 */
public final class PluginDatabase implements AutoCloseable {

    private final TestDatabase database;
    private final String pluginId;
    private final String schema;
    private final List<MigrationScript> migrations;
    private final PGSimpleDataSource dataSource;
    private final Jdbi jdbi;
    private final DataSource pluginDataSource;
    private final PluginConnections.Setup pluginSetup;
    private final boolean ownRole;

    private PluginDatabase(
            TestDatabase database, String pluginId, List<MigrationScript> migrations, String targetVersion) {
        this.database = database;
        this.pluginId = pluginId;
        this.schema = PluginSchema.schemaName(pluginId);
        this.migrations = migrations;
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.url());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        dataSource.setCurrentSchema(schema);
        jdbi = Jdbi.create(dataSource);
        // The plugin's role is recorded in the host's schema, as in the host's database.
        HostSchema.migrate(dataSource);
        ownRole = PluginRole.canManageRoles(dataSource);
        if (ownRole) {
            PluginRole.Credentials credentials = PluginRole.ensure(dataSource, pluginId);
            PGSimpleDataSource asRole = new PGSimpleDataSource();
            asRole.setURL(database.url());
            asRole.setUser(credentials.user());
            asRole.setPassword(credentials.password());
            pluginDataSource = asRole;
            pluginSetup = PluginConnections.Setup.NONE;
        } else {
            pluginDataSource = dataSource;
            pluginSetup = PluginConnections.inSchemaOf(pluginId);
        }
        migrate(targetVersion);
    }

    /**
     * @param pluginId the plugin's id (MetaCortex-Plugin-Id), e.g. {@code tasks}
     * @param pluginClass any class of the plugin's module, to find its migrations by
     * @return a database with all of the plugin's migrations applied
     * @throws PluginMigrationException if a migration fails, as it would at install
     */
    public static PluginDatabase create(String pluginId, Class<?> pluginClass) {
        return create(pluginId, PluginMigrations.of(pluginClass), PluginMigrations.LATEST);
    }

    /** A database with the migrations up to {@code version} only, e.g. to check a data migration after it. */
    public static PluginDatabase createAt(String pluginId, Class<?> pluginClass, String version) {
        return create(pluginId, PluginMigrations.of(pluginClass), version);
    }

    static PluginDatabase create(String pluginId, List<MigrationScript> migrations, String version) {
        TestDatabase database = TestPostgres.createDatabase();
        try {
            return new PluginDatabase(database, pluginId, migrations, version);
        } catch (RuntimeException e) {
            dropRoleQuietly(database, pluginId, e);
            database.close();
            throw e;
        }
    }

    /**
     * Applies the migrations up to {@code version} ({@code latest} for all) that the schema does not have yet, in
     * one transaction, as the host does when it installs or upgrades to a bundle carrying those scripts.
     *
     * @throws PluginMigrationException if one fails or does not match what was applied before; the schema is then
     *     unchanged
     */
    public void migrate(String version) {
        // As the host: the role's connections (or, without roles, the user's), Flyway setting the schema itself.
        PluginMigrator.migrate(pluginDataSource, pluginId, PluginMigrations.upTo(migrations, version));
    }

    /** @return the plugin's id */
    public String pluginId() {
        return pluginId;
    }

    /** @return the plugin's schema, {@code plugin_<id>} */
    public String schema() {
        return schema;
    }

    /**
     * @return the role the plugin's connections log in as: {@code plugin_<id>}, or the test database's user where
     *     that may not create roles
     */
    public String role() {
        return ownRole ? schema : database.user();
    }

    /** @return a Jdbi as the database's owner (a superuser, which row-level security does not restrict) */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** @return the data source behind {@link #jdbi()}: connections as the owner, search path the plugin's schema */
    public PGSimpleDataSource dataSource() {
        return dataSource;
    }

    /**
     * A Jdbi whose connections are the ones the host hands the installed plugin: as its role, searching its schema,
     * with {@code app.user_id} set to the user {@code currentUser} names when the connection is opened (null: no
     * user, as outside a request), and with the host's Jdbi plugins (SQL objects, PostgreSQL types).
     */
    public Jdbi pluginJdbi(Supplier<UUID> currentUser) {
        Objects.requireNonNull(currentUser, "currentUser");
        return Jdbi.create(() ->
                        PluginConnections.open(pluginDataSource, pluginSetup, Objects.toString(currentUser.get(), "")))
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin());
    }

    /** Empties every table of the plugin's schema and restarts ids at 1, so that each test starts from the same state. */
    public void reset() {
        jdbi.useHandle(h -> {
            List<String> tables = h.createQuery(
                            "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = :schema"
                                    + " AND tablename <> 'flyway_schema_history' ORDER BY tablename")
                    .bind("schema", schema)
                    .mapTo(String.class)
                    .list();
            if (!tables.isEmpty()) {
                h.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY");
            }
        });
    }

    /** @return the number of rows of a table of the plugin's schema, whoever owns them */
    public long count(String table) {
        return jdbi.withHandle(h ->
                h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    /** Drops the plugin's schema and role (roles belong to the whole server), then the database. */
    @Override
    public void close() {
        try {
            PluginSchema.drop(dataSource, pluginId);
            if (ownRole) {
                PluginRole.drop(dataSource, pluginId);
            }
        } finally {
            database.close();
        }
    }

    private static void dropRoleQuietly(TestDatabase database, String pluginId, RuntimeException failure) {
        try {
            PGSimpleDataSource owner = new PGSimpleDataSource();
            owner.setURL(database.url());
            owner.setUser(database.user());
            owner.setPassword(database.password());
            if (PluginSchema.exists(owner, pluginId)) {
                PluginSchema.drop(owner, pluginId);
            }
            if (PluginRole.canManageRoles(owner)) {
                PluginRole.drop(owner, pluginId);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
