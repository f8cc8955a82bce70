package io.metacortex.plugin.testing;

import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database (dropped on {@link #close}) with a plugin's migrations applied to {@code plugin_<id>},
 * and a Jdbi set up as the host sets up the plugin's: connections whose search path is that schema. The Jdbi's user
 * is a superuser, so it bypasses row-level security; see {@link RowLevelSecurityRole} for connections it applies to.
 *
 * <p>The migrations are read from the {@code db/migration} folder next to the given plugin class (the module's
 * {@code target/classes}), not from {@code classpath:db/migration}: another plugin's jar on the test class path (for
 * its service API) has migrations of the same versions there, and Flyway refuses two V1.
 */
public final class PluginDatabase implements AutoCloseable {

    private static final String LATEST = "latest";

    private final TestDatabase database;
    private final String pluginId;
    private final String schema;
    private final String migrations;
    private final PGSimpleDataSource dataSource;
    private final Jdbi jdbi;

    private PluginDatabase(TestDatabase database, String pluginId, Class<?> pluginClass, String targetVersion) {
        this.database = database;
        this.pluginId = pluginId;
        this.schema = "plugin_" + pluginId.replace('-', '_');
        this.migrations = migrations(pluginClass);
        migrate(targetVersion);
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.url());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        dataSource.setCurrentSchema(schema);
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * @param pluginId the plugin's id (MetaCortex-Plugin-Id), e.g. {@code tasks}
     * @param pluginClass any class of the plugin's module, to find its migrations by
     * @return a database with all of the plugin's migrations applied
     */
    public static PluginDatabase create(String pluginId, Class<?> pluginClass) {
        return new PluginDatabase(TestPostgres.createDatabase(), pluginId, pluginClass, LATEST);
    }

    /** A database with the migrations up to {@code version} only, e.g. to check a data migration after it. */
    public static PluginDatabase createAt(String pluginId, Class<?> pluginClass, String version) {
        return new PluginDatabase(TestPostgres.createDatabase(), pluginId, pluginClass, version);
    }

    private static String migrations(Class<?> pluginClass) {
        CodeSource source = pluginClass.getProtectionDomain().getCodeSource();
        try {
            Path folder = Path.of(source.getLocation().toURI()).resolve("db").resolve("migration");
            if (Files.isDirectory(folder)) {
                return "filesystem:" + folder;
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // not a folder on the file system (a jar): fall back to the class path
        }
        return "classpath:db/migration";
    }

    /** Applies the migrations up to {@code version} ("latest" for all). */
    public void migrate(String version) {
        Flyway.configure()
                .dataSource(database.url(), database.user(), database.password())
                .schemas(schema)
                .locations(migrations)
                .target(version)
                .load()
                .migrate();
    }

    /** @return the plugin's id */
    public String pluginId() {
        return pluginId;
    }

    /** @return the plugin's schema, {@code plugin_<id>} */
    public String schema() {
        return schema;
    }

    /** @return a Jdbi as the database's owner (a superuser, which row-level security does not restrict) */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** @return the data source behind {@link #jdbi()}: connections as the owner, search path the plugin's schema */
    public PGSimpleDataSource dataSource() {
        return dataSource;
    }

    /** Empties every table of the plugin's schema and restarts ids at 1, so that each test starts from the same state. */
    public void reset() {
        jdbi.useHandle(h -> {
            List<String> tables = h.createQuery("SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = :schema"
                            + " AND tablename <> 'flyway_schema_history' ORDER BY tablename")
                    .bind("schema", schema).mapTo(String.class).list();
            if (!tables.isEmpty()) {
                h.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY");
            }
        });
    }

    /** @return the number of rows of a table of the plugin's schema, whoever owns them */
    public long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    /** Drops the database. */
    @Override
    public void close() {
        database.close();
    }
}
