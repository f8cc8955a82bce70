package io.metacortex.notes.internal;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/** Healthy when a connection can be had and the {@code notes} table is on its search path. */
public final class DatabaseHealthCheck extends HealthCheck {

    private final Jdbi jdbi;

    public DatabaseHealthCheck(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    protected Result check() {
        boolean found = jdbi.withHandle(h -> h.createQuery("SELECT to_regclass('notes') IS NOT NULL")
                .mapTo(Boolean.class)
                .one());
        return found ? Result.healthy() : Result.unhealthy("table notes not found on the connection's search path");
    }
}
