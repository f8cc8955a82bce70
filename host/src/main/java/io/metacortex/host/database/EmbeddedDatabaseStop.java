package io.metacortex.host.database;

import io.dropwizard.lifecycle.Managed;
import io.metacortex.db.EmbeddedPostgresServer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the embedded PostgreSQL after everything that uses it, whichever way the server ends:
 * <ul>
 *   <li>a normal stop: as a managed object managed before the pool, it stops after the servlet contexts (the
 *       plugins) and the pool, while logging still runs;</li>
 *   <li>a server that failed to start (its managed objects never started, so are not stopped): once Dropwizard has
 *       stopped it;</li>
 *   <li>the JVM exiting (SIGTERM, {@code System.exit}): the database's shutdown hook first stops the server,
 *       waiting for a start or a stop in progress on another thread. That hook replaces Jetty's own
 *       ({@code stopAtShutdown}), which would run at the same time: it skips a server that is still starting, and
 *       destroys one that another thread is stopping.</li>
 * </ul>
 */
final class EmbeddedDatabaseStop implements Managed, LifeCycle.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseStop.class);

    private final EmbeddedPostgresServer database;

    EmbeddedDatabaseStop(EmbeddedPostgresServer database) {
        this.database = database;
    }

    @Override
    public void stop() {
        database.close();
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
