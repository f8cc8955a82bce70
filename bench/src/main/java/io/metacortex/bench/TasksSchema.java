package io.metacortex.bench;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The schema {@code plugin_tasks} as the host would give it to the tasks plugin: migrated, and the search path. */
final class TasksSchema {

    static final String NAME = "plugin_tasks";

    private TasksSchema() {}

    /** Applies the plugin's own migrations ({@code db/migration} in the tasks jar) with Flyway. */
    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(NAME)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** A Jdbi whose connections use the schema, built exactly as the host builds a plugin's. */
    static Jdbi jdbi(DataSource dataSource) {
        return Jdbi.create(() -> {
                    Connection connection = dataSource.getConnection();
                    try {
                        connection.setSchema(NAME);
                        return connection;
                    } catch (SQLException e) {
                        connection.close();
                        throw e;
                    }
                })
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin());
    }
}
