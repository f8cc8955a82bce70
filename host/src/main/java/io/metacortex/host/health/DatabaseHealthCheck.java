package io.metacortex.host.health;

import com.codahale.metrics.health.HealthCheck;
import java.sql.Connection;
import javax.sql.DataSource;

/** Healthy while the database answers within two seconds. */
public final class DatabaseHealthCheck extends HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    public DatabaseHealthCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected Result check() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(TIMEOUT_SECONDS)
                    ? Result.healthy()
                    : Result.unhealthy("PostgreSQL did not answer within " + TIMEOUT_SECONDS + " s");
        }
    }
}
