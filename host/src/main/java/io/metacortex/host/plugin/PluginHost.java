package io.metacortex.host.plugin;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.metacortex.host.felix.FelixRuntime;
import io.metacortex.host.modules.ActiveModules;
import io.metacortex.host.openapi.ApiDocument;
import io.metacortex.host.routing.PluginContainerFactory;
import io.metacortex.host.routing.PluginRouter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Wires the plugin lifecycle from the host's parts; the only way in from outside this package. */
public final class PluginHost {

    private PluginHost() {
    }

    public static PluginLifecycle lifecycle(FelixRuntime felix, DataSource dataSource, PluginRouter router,
            ApiDocument apiDocument, PluginContainerFactory containers, HealthCheckRegistry healthChecks,
            MetricRegistry metrics, Map<String, Map<String, String>> settings, Duration drainTimeout,
            PluginServices services, PluginDatabases databases, ActiveModules modules, PluginBundleReader reader) {
        PluginLoader loader = new PluginLoader(felix, dataSource, containers, healthChecks, metrics, settings,
                drainTimeout, services, databases);
        return new PluginLifecycle(new PluginRegistry(Jdbi.create(dataSource)), reader, loader, router,
                apiDocument, modules, dataSource, services,
                Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)));
    }
}
