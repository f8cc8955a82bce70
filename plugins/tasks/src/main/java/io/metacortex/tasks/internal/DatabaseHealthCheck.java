package io.metacortex.tasks.internal;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/** Healthy when a connection can be had and the {@code tasks} table is on its search path. */
public final class DatabaseHealthCheck extends HealthCheck {

    private final Jdbi jdbi;

    public DatabaseHealthCheck(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    protected Result check() {
        boolean found = jdbi.withHandle(h -> h.createQuery("SELECT to_regclass('tasks') IS NOT NULL")
                .mapTo(Boolean.class)
                .one());
        return found ? Result.healthy() : Result.unhealthy("table tasks not found on the connection's search path");
    }
}
