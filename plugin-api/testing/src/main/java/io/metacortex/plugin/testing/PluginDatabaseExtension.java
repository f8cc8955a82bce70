package io.metacortex.plugin.testing;

import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that gives a test class a {@link PluginDatabase}: created (with all of the plugin's migrations)
 * before all tests of the class, {@linkplain PluginDatabase#reset() emptied} before each test, dropped after all.
 * Register it on a static field, so that it spans the class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("tasks", TasksPlugin.class);
 *
 * private static final TaskService service = new TaskService(DB.jdbi());
 * }</pre>
 *
 * <p>{@link #jdbi()} may be taken before the database exists (as above, to build the object under test once for the
 * class): its connections are opened on the database of the running class when it is used. The extension's callbacks
 * run before the class's own {@code @BeforeAll} and {@code @BeforeEach} methods, so those see a created, empty
 * database.
 *
 * <p>With {@link #withRowLevelSecurityRole()} it also creates a {@link RowLevelSecurityRole} after the migrations
 * and drops it before the database, for tests of the row-level security policies.
 */
public final class PluginDatabaseExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final String pluginId;
    private final Class<?> pluginClass;
    private final boolean withRole;
    private final Jdbi jdbi;
    private PluginDatabase database;
    private RowLevelSecurityRole role;

    private PluginDatabaseExtension(String pluginId, Class<?> pluginClass, boolean withRole) {
        this.pluginId = Objects.requireNonNull(pluginId);
        this.pluginClass = Objects.requireNonNull(pluginClass);
        this.withRole = withRole;
        this.jdbi = Jdbi.create(() -> database().dataSource().getConnection());
    }

    /**
     * @param pluginId the plugin's id (MetaCortex-Plugin-Id), e.g. {@code tasks}
     * @param pluginClass any class of the plugin's module, to find its migrations by (see {@link PluginDatabase})
     * @return an extension giving the class a database with all of the plugin's migrations
     */
    public static PluginDatabaseExtension of(String pluginId, Class<?> pluginClass) {
        return new PluginDatabaseExtension(pluginId, pluginClass, false);
    }

    /** @return the same extension that also creates a {@link RowLevelSecurityRole} with the database */
    public PluginDatabaseExtension withRowLevelSecurityRole() {
        return new PluginDatabaseExtension(pluginId, pluginClass, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database = PluginDatabase.create(pluginId, pluginClass);
        if (withRole) {
            role = RowLevelSecurityRole.create(database);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        database().reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (role != null) {
                role.close();
            }
        } finally {
            role = null;
            if (database != null) {
                database.close();
                database = null;
            }
        }
    }

    /**
     * @return the database of the running test class
     * @throws IllegalStateException outside of its tests (e.g. when the extension is not on a static field)
     */
    public PluginDatabase database() {
        if (database == null) {
            throw new IllegalStateException("no " + pluginId + " database: register the PluginDatabaseExtension on a"
                    + " static field with @RegisterExtension, and use it from the class's tests");
        }
        return database;
    }

    /**
     * @return a Jdbi as the database's owner (a superuser, which row-level security does not restrict), as {@link
     *     PluginDatabase#jdbi()}; it may be taken before the database exists, and connects to it when used
     */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** @return the number of rows of a table of the plugin's schema, whoever owns them */
    public long count(String table) {
        return database().count(table);
    }

    /**
     * @return the role created with the database
     * @throws IllegalStateException when the extension was not made {@link #withRowLevelSecurityRole()}, or outside
     *     of the class's tests
     */
    public RowLevelSecurityRole role() {
        if (!withRole) {
            throw new IllegalStateException("the extension has no role: make it with .withRowLevelSecurityRole()");
        }
        database();
        return role;
    }
}
