package io.metacortex.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real PostgreSQL: the table must be on the connection's search path. */
class DatabaseHealthCheckTest {

    private static TestDatabase database;
    private static Jdbi jdbi;

    @BeforeAll
    static void createTable() {
        database = TestPostgres.createDatabase();
        jdbi = Jdbi.create(database.url(), database.user(), database.password());
        jdbi.useHandle(h -> h.execute("CREATE TABLE widgets (id bigint)"));
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void healthyWhenTheTableIsThere() {
        assertThat(new DatabaseHealthCheck(jdbi, "widgets").execute().isHealthy())
                .isTrue();
    }

    @Test
    void unhealthyNamingTheTableWhenItIsNot() {
        Result result = new DatabaseHealthCheck(jdbi, "gadgets").execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).isEqualTo("table gadgets not found on the connection's search path");
    }
}
