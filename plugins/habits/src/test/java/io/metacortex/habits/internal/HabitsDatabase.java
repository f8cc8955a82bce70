package io.metacortex.habits.internal;

import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database with the plugin's migrations applied to {@code plugin_habits}, and a Jdbi set up as the host sets
 * up the plugin's: connections whose search path is that schema.
 */
final class HabitsDatabase implements AutoCloseable {

    static final String SCHEMA = "plugin_habits";

    private final TestDatabase database;
    private final Jdbi jdbi;

    private HabitsDatabase(TestDatabase database) {
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
     * The plugin's own migrations, as a folder: "classpath:db/migration" would also find the tasks plugin's, whose jar
     * is on the test classpath (the tasks API), and Flyway refuses two V1.
     */
    private static String migrations() {
        try {
            Path first = Path.of(HabitsDatabase.class.getResource("/db/migration/V1__create_habits.sql").toURI());
            return "filesystem:" + first.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static HabitsDatabase create() {
        return new HabitsDatabase(TestPostgres.createDatabase());
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Empties the tables and restarts ids at 1, so each test starts from the same state. */
    void reset() {
        jdbi.useHandle(h -> h.execute("TRUNCATE habits, check_ins, rest_days RESTART IDENTITY"));
    }

    /** @return the number of rows of {@code table} (habits, check_ins or rest_days), whoever owns them */
    long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        database.close();
    }
}
