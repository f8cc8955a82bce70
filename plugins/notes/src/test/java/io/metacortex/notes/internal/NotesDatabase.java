package io.metacortex.notes.internal;

import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database with the plugin's migrations applied to {@code plugin_notes}, and a Jdbi set up as the host sets
 * up the plugin's: connections whose search path is that schema.
 */
final class NotesDatabase implements AutoCloseable {

    static final String SCHEMA = "plugin_notes";

    private final TestDatabase database;
    private final Jdbi jdbi;

    private NotesDatabase(TestDatabase database) {
        this.database = database;
        Flyway.configure()
                .dataSource(database.url(), database.user(), database.password())
                .schemas(SCHEMA)
                .locations(migrations())
                .load()
                .migrate();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.url());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        dataSource.setCurrentSchema(SCHEMA);
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * The plugin's own migrations, as a directory: the tasks plugin's jar (provided, for its service API) is on the
     * test class path too, with migrations of the same versions under the same classpath:db/migration.
     */
    private static String migrations() {
        try {
            URL first = NotesDatabase.class.getResource("/db/migration/V1__create_notes.sql");
            return "filesystem:" + Path.of(first.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static NotesDatabase create() {
        return new NotesDatabase(TestPostgres.createDatabase());
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Empties the tables and restarts ids at 1, so each test starts from the same state. */
    void reset() {
        jdbi.useHandle(h -> h.execute("TRUNCATE notes, note_links, note_versions RESTART IDENTITY"));
    }

    /** @return the number of rows of a table, whoever owns them (the test user bypasses row-level security) */
    long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        database.close();
    }
}
