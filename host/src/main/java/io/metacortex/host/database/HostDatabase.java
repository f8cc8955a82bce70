package io.metacortex.host.database;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import io.dropwizard.util.Duration;
import io.metacortex.db.EmbeddedPostgresServer;
import io.metacortex.host.config.DatabaseSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the host's connection pool: to the configured PostgreSQL, or, when none is configured, to an embedded
 * PostgreSQL whose data lives in {@code <data directory>/postgres} and survives restarts, as its superuser with the
 * password kept in {@code <data directory>/postgres.password}. The embedded server stops
 * after the Jetty server (see {@link EmbeddedDatabaseStop}), and with the JVM whenever it exits, also when the server
 * fails to start or the wiring throws.
 */
public final class HostDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(HostDatabase.class);

    private HostDatabase() {}

    /** The host's pool, and the JDBC URL it connects to (plugins' pools connect there as their own roles). */
    public record Opened(ManagedDataSource dataSource, String url) {}

    public static Opened open(
            DatabaseSettings settings,
            Map<String, String> env,
            Path dataDirectory,
            LifecycleEnvironment lifecycle,
            MetricRegistry metrics) {
        Optional<String> external = settings.externalUrl(env);
        String url;
        String user;
        String password;
        if (external.isPresent()) {
            url = external.get();
            user = settings.userOr(env, "postgres");
            password = settings.passwordOr(env);
            LOG.info("Using the PostgreSQL database at {}", url);
        } else {
            EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"), 0);
            EmbeddedDatabaseStop stop = new EmbeddedDatabaseStop(embedded);
            lifecycle.manage(stop);
            lifecycle.addEventListener(stop);
            url = embedded.jdbcUrl();
            user = embedded.user();
            password = embedded.password();
            LOG.info(
                    "No database configured: started the embedded PostgreSQL in {} ({})",
                    dataDirectory.resolve("postgres").toAbsolutePath(),
                    url);
        }
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(url);
        factory.setUser(user);
        factory.setPassword(password);
        factory.setMinSize(2);
        factory.setInitialSize(2);
        factory.setMaxSize(settings.getMaxConnections());
        factory.setValidationQuery("/* MetaCortex health check */ SELECT 1");
        // While PostgreSQL is out of reach a request must fail within connectTimeout, not queue for the pool's
        // default 30 s; connections that broke are found on their next borrow and replaced once it is back.
        Duration timeout = settings.getConnectTimeout();
        factory.setMaxWaitForConnection(timeout);
        factory.setValidationQueryTimeout(Duration.seconds(Math.max(1, timeout.toSeconds())));
        factory.setCheckConnectionOnBorrow(true);
        factory.setValidationInterval(Duration.seconds(1));
        factory.setProperties(Map.of(
                "connectTimeout",
                String.valueOf(Math.max(1, settings.getConnectTimeout().toSeconds())),
                "ApplicationName",
                "metacortex"));
        ManagedDataSource dataSource = factory.build(metrics, "metacortex-db");
        lifecycle.manage(dataSource);
        return new Opened(dataSource, url);
    }
}
