package io.metacortex.host;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.Managed;
import io.metacortex.db.HostSchema;
import io.metacortex.host.admin.AdminToken;
import io.metacortex.host.admin.AdminTokenFilter;
import io.metacortex.host.admin.PluginAdminResource;
import io.metacortex.host.database.HostDatabase;
import io.metacortex.host.deploy.DeployFolder;
import io.metacortex.host.errors.HostExceptionMapper;
import io.metacortex.host.errors.JsonProcessingExceptionMapper;
import io.metacortex.host.errors.UnexpectedExceptionMapper;
import io.metacortex.host.errors.ViolationExceptionMapper;
import io.metacortex.host.errors.WebApplicationExceptionMapper;
import io.metacortex.host.felix.FelixRuntime;
import io.metacortex.host.felix.SharedLibraries;
import io.metacortex.host.felix.SystemPackages;
import io.metacortex.host.health.DatabaseHealthCheck;
import io.metacortex.host.health.HealthProbeServlet;
import io.metacortex.host.health.PluginsHealthCheck;
import io.metacortex.host.logging.RequestIdFilter;
import io.metacortex.host.metrics.PrometheusEndpoint;
import io.metacortex.host.metrics.RouteMetrics;
import io.metacortex.host.plugin.PluginHost;
import io.metacortex.host.plugin.PluginLifecycle;
import io.metacortex.host.routing.PluginContainerFactory;
import io.metacortex.host.routing.PluginRouter;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContextListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The MetaCortex host: a Dropwizard application embedding Apache Felix to run plugin bundles. */
public class MetaCortexApplication extends Application<MetaCortexConfiguration> {

    private PluginLifecycle plugins;
    private DeployFolder deployFolder;

    public static void main(String[] args) throws Exception {
        new MetaCortexApplication().run(args);
    }

    @Override
    public String getName() {
        return "metacortex";
    }

    @Override
    public void initialize(Bootstrap<MetaCortexConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // The JVM metrics (jvm.*): the command line registers them too, embedded starts (tests) would not.
        bootstrap.registerMetrics();
    }

    @Override
    public void run(MetaCortexConfiguration config, Environment environment) {
        Map<String, String> env = System.getenv();
        Path dataDirectory = createDirectories(config.getDataDirectory());

        ManagedDataSource dataSource = HostDatabase.open(config.getDatabase(), env, dataDirectory,
                environment.lifecycle(), environment.metrics());
        FelixRuntime felix = FelixRuntime.start(dataDirectory.resolve("felix-cache"),
                SystemPackages.exports(SharedLibraries.ALLOWLIST));
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                felix.close();
            }
        });

        environment.servlets().addFilter("request-id", new RequestIdFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        PluginRouter router = new PluginRouter();
        environment.servlets().addServlet("plugins", router).addMapping(PluginRouter.BASE + "/*");
        plugins = PluginHost.lifecycle(felix, dataSource, router,
                new PluginContainerFactory(environment.getApplicationContext().getServletContext(),
                        new RouteMetrics(environment.metrics())),
                environment.healthChecks(), environment.metrics(), config.getPlugins().getSettings(),
                config.getPlugins().getDrainTimeout().toJavaDuration());
        deployFolder = new DeployFolder(config.getPlugins().getDeployDirectory(), plugins);

        String adminToken = AdminToken.resolve(env, config.getAdmin().getToken(), dataDirectory);
        ((AbstractServerFactory) config.getServerFactory()).setRegisterDefaultExceptionMappers(false);
        environment.jersey().register(new AdminTokenFilter(adminToken));
        environment.jersey().register(new PluginAdminResource(plugins, deployFolder,
                config.getPlugins().getMaxUploadSize().toBytes()));
        environment.jersey().register(new HostExceptionMapper());
        environment.jersey().register(new WebApplicationExceptionMapper());
        environment.jersey().register(new JsonProcessingExceptionMapper());
        environment.jersey().register(new ViolationExceptionMapper());
        environment.jersey().register(new UnexpectedExceptionMapper("host"));

        environment.healthChecks().register("database", new DatabaseHealthCheck(dataSource));
        environment.healthChecks().register("plugins", new PluginsHealthCheck(plugins));
        environment.admin().addServlet("health-probes", new HealthProbeServlet(environment.healthChecks(),
                List.of("database", "plugins"))).addMapping(HealthProbeServlet.LIVE, HealthProbeServlet.READY);
        environment.admin().addServlet("prometheus", PrometheusEndpoint.servlet(environment.metrics()))
                .addMapping(PrometheusEndpoint.PATH);

        ScheduledExecutorService scanner = environment.lifecycle()
                .scheduledExecutorService("deploy-folder-%d").threads(1).build();
        long scanMillis = config.getPlugins().getScanInterval().toMilliseconds();
        // Plugins are loaded while the application context starts: after the pool, before the connectors open.
        environment.getApplicationContext().addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                HostSchema.migrate(dataSource);
                plugins.restore();
                deployFolder.scan();
                if (scanMillis > 0) {
                    scanner.scheduleWithFixedDelay(deployFolder::scan, scanMillis, scanMillis, TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void contextDestroyed(ServletContextEvent event) {
                scanner.shutdownNow();
                plugins.unloadAll();
            }
        });
    }

    /** @return the plugin lifecycle, once {@link #run} has wired it */
    public PluginLifecycle plugins() {
        return plugins;
    }

    /** @return the deploy folder, once {@link #run} has wired it */
    public DeployFolder deployFolder() {
        return deployFolder;
    }

    private static Path createDirectories(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + directory.toAbsolutePath(), e);
        }
    }
}
