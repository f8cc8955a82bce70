package io.metacortex.plugin.support;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/**
 * Healthy when a connection can be had and the plugin's main table is on its search path (the host sets it to the
 * plugin's schema), e.g. {@code context.registerHealthCheck("database", new DatabaseHealthCheck(context.jdbi(),
 * "tasks"))}.
 */
public final class DatabaseHealthCheck extends HealthCheck {

    private final Jdbi jdbi;
    private final String table;

    /**
     * @param jdbi the plugin's Jdbi
     * @param table an unqualified table name the plugin's migrations create
     */
    public DatabaseHealthCheck(Jdbi jdbi, String table) {
        this.jdbi = jdbi;
        this.table = table;
    }

    @Override
    protected Result check() {
        boolean found = jdbi.withHandle(h -> h.createQuery("SELECT to_regclass(:table) IS NOT NULL")
                .bind("table", table)
                .mapTo(Boolean.class)
                .one());
        return found
                ? Result.healthy()
                : Result.unhealthy("table " + table + " not found on the connection's search path");
    }
}
