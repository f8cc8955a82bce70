package io.metacortex.tasks.internal;

import io.metacortex.db.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;
import io.metacortex.db.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database with the plugin's migrations applied to {@code plugin_tasks}, and a Jdbi set up as the host sets
 * up the plugin's: connections whose search path is that schema.
 */
final class TasksDatabase implements AutoCloseable {

    static final String SCHEMA = "plugin_tasks";

    private final TestDatabase database;
    private final PGSimpleDataSource dataSource;
    private final Jdbi jdbi;

    private TasksDatabase(TestDatabase database, String targetVersion) {
        this.database = database;
        migrate(targetVersion);
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.url());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        dataSource.setCurrentSchema(SCHEMA);
        this.jdbi = Jdbi.create(dataSource);
    }

    static TasksDatabase create() {
        return new TasksDatabase(TestPostgres.createDatabase(), "latest");
    }

    /** A database with the migrations up to {@code version} only, to check the data migrations after it. */
    static TasksDatabase createAt(String version) {
        return new TasksDatabase(TestPostgres.createDatabase(), version);
    }

    /** Applies the migrations up to {@code version} ("latest" for all). */
    void migrate(String version) {
        Flyway.configure()
                .dataSource(database.url(), database.user(), database.password())
                .schemas(SCHEMA)
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /**
     * A Jdbi whose connections act as the host's do for a request: as {@code role} (which must not bypass
     * row-level security), with {@code app.user_id} set to the user {@code currentUser} names when the connection
     * is opened.
     */
    Jdbi jdbiAs(String role, Supplier<UUID> currentUser) {
        return Jdbi.create(() -> {
            Connection connection = dataSource.getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET ROLE " + role);
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT set_config('app.user_id', ?, false)")) {
                statement.setString(1, currentUser.get().toString());
                statement.execute();
            }
            return connection;
        });
    }

    /** Empties the tables and restarts ids at 1, so each test starts from the same state. */
    void reset() {
        jdbi.useHandle(h -> h.execute("TRUNCATE tasks, task_tags, tags, projects, task_history, task_notifications"
                + " RESTART IDENTITY"));
    }

    @Override
    public void close() {
        database.close();
    }
}
