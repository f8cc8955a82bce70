package io.metacortex.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The host's own tables in schema {@value #NAME} ({@code plugins}, {@code plugin_bundles}), migrated by Flyway from
 * this jar's {@value #LOCATION}, with the history in {@code metacortex.flyway_schema_history}.
 */
public final class HostSchema {

    /** The schema holding the host's tables. */
    public static final String NAME = "metacortex";

    static final String LOCATION = "classpath:io/metacortex/db/host";

    private HostSchema() {}

    /**
     * Creates or upgrades the host schema; does nothing when it is up to date.
     *
     * @throws IllegalStateException if a migration fails or the schema does not match this version's migrations
     */
    public static void migrate(DataSource dataSource) {
        try {
            Flyway.configure(HostSchema.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .failOnMissingLocations(true)
                    .schemas(NAME)
                    .defaultSchema(NAME)
                    .createSchemas(true)
                    .group(true)
                    .validateMigrationNaming(true)
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("Could not migrate the host schema '" + NAME + "': " + e.getMessage(), e);
        }
    }
}
