package io.metacortex.host.database;

import io.metacortex.db.EmbeddedPostgresServer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the embedded PostgreSQL once the Jetty server has stopped: after everything that uses the database
 * (plugins, pool), both on a normal stop and when Dropwizard stops a server that failed to start. When the JVM exits
 * (SIGTERM, {@code System.exit}), the database's shutdown hook first stops the server, waiting for a start or a stop
 * in progress on another thread, so that the database never goes away under the application. That hook replaces
 * Jetty's own ({@code stopAtShutdown}), which would run at the same time: it skips a server that is still starting,
 * and destroys one that another thread is stopping.
 */
final class EmbeddedDatabaseStop implements LifeCycle.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseStop.class);

    private final EmbeddedPostgresServer database;

    EmbeddedDatabaseStop(EmbeddedPostgresServer database) {
        this.database = database;
    }

    @Override
    public void lifeCycleStarting(LifeCycle server) {
        if (server instanceof Server jetty) {
            jetty.setStopAtShutdown(false);
        }
        database.beforeStopAtExit(() -> stop(server));
    }

    @Override
    public void lifeCycleStopped(LifeCycle server) {
        database.close();
    }

    private static void stop(LifeCycle server) {
        try {
            // Jetty's lifecycle lock makes this wait for a start or a stop in progress.
            server.stop();
        } catch (Exception e) {
            LOG.warn("Could not stop the server before the embedded PostgreSQL", e);
        }
    }
}
