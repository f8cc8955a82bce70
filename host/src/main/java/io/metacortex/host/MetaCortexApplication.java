package io.metacortex.host;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.dropwizard.lifecycle.Managed;
import io.metacortex.db.HostSchema;
import io.metacortex.host.admin.AdminOnlyFilter;
import io.metacortex.host.admin.AdminToken;
import io.metacortex.host.admin.AuditResource;
import io.metacortex.host.admin.EventAdminResource;
import io.metacortex.host.admin.JobAdminResource;
import io.metacortex.host.admin.LeftoverThreadsResource;
import io.metacortex.host.admin.OutboundAdminResource;
import io.metacortex.host.admin.PluginActivityResource;
import io.metacortex.host.admin.PluginAdminResource;
import io.metacortex.host.admin.SecretAdminResource;
import io.metacortex.host.admin.UserAdminResource;
import io.metacortex.host.audit.AuditFilter;
import io.metacortex.host.audit.AuditLog;
import io.metacortex.host.code.CodeCheck;
import io.metacortex.host.config.AuthSettings;
import io.metacortex.host.config.HttpSettings;
import io.metacortex.host.config.PluginSettings;
import io.metacortex.host.console.ConsoleServlet;
import io.metacortex.host.database.HostDatabase;
import io.metacortex.host.deploy.DeployFolder;
import io.metacortex.host.errors.HostExceptionMapper;
import io.metacortex.host.errors.JsonProcessingExceptionMapper;
import io.metacortex.host.errors.UnexpectedExceptionMapper;
import io.metacortex.host.errors.ViolationExceptionMapper;
import io.metacortex.host.errors.WebApplicationExceptionMapper;
import io.metacortex.host.events.HostEvents;
import io.metacortex.host.felix.FelixRuntime;
import io.metacortex.host.felix.SharedLibraries;
import io.metacortex.host.felix.SystemPackages;
import io.metacortex.host.health.DatabaseHealthCheck;
import io.metacortex.host.health.HealthProbeServlet;
import io.metacortex.host.health.PluginHealth;
import io.metacortex.host.health.PluginsHealthCheck;
import io.metacortex.host.http.BodyLimitFilter;
import io.metacortex.host.http.CrossOriginPolicy;
import io.metacortex.host.http.RejectedBodyFilter;
import io.metacortex.host.http.SecurityHeadersFilter;
import io.metacortex.host.identity.AuthenticationFilter;
import io.metacortex.host.identity.Authenticator;
import io.metacortex.host.identity.FailedAuthenticationLimiter;
import io.metacortex.host.identity.JwtVerifier;
import io.metacortex.host.identity.MeResource;
import io.metacortex.host.identity.TokenIssuer;
import io.metacortex.host.identity.TokenStore;
import io.metacortex.host.identity.UserStore;
import io.metacortex.host.jobs.HostJobs;
import io.metacortex.host.logging.RequestIdFilter;
import io.metacortex.host.logging.StartPhases;
import io.metacortex.host.metrics.PluginActivity;
import io.metacortex.host.metrics.PrometheusEndpoint;
import io.metacortex.host.metrics.RouteMetrics;
import io.metacortex.host.modules.ActiveModules;
import io.metacortex.host.modules.ModuleGate;
import io.metacortex.host.modules.ModulesResource;
import io.metacortex.host.modules.UserModuleStore;
import io.metacortex.host.modules.UserModules;
import io.metacortex.host.openapi.ApiDocument;
import io.metacortex.host.openapi.OpenApiResource;
import io.metacortex.host.openapi.SwaggerUiServlet;
import io.metacortex.host.plugin.BundleSignatures;
import io.metacortex.host.plugin.HostPluginServices;
import io.metacortex.host.plugin.PluginBundleReader;
import io.metacortex.host.plugin.PluginDatabases;
import io.metacortex.host.plugin.PluginDeadlines;
import io.metacortex.host.plugin.PluginHost;
import io.metacortex.host.plugin.PluginLifecycle;
import io.metacortex.host.routing.PluginContainerFactory;
import io.metacortex.host.routing.PluginRouter;
import io.metacortex.host.routing.WellKnownServlet;
import io.metacortex.host.secrets.SecretBox;
import io.metacortex.host.secrets.SecretKeySource;
import io.metacortex.host.secrets.SecretReencryption;
import io.metacortex.host.secrets.StoredSecrets;
import io.metacortex.host.threads.LeftoverThreads;
import io.metacortex.outbound.OutboundClients;
import io.metacortex.plugin.api.dav.MKCALENDAR;
import io.metacortex.plugin.api.dav.MKCOL;
import io.metacortex.plugin.api.dav.PROPFIND;
import io.metacortex.plugin.api.dav.PROPPATCH;
import io.metacortex.plugin.api.dav.REPORT;
import io.metacortex.plugin.support.json.PluginJson;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/** The MetaCortex host: a Dropwizard application embedding Apache Felix to run plugin bundles. */
public class MetaCortexApplication extends Application<MetaCortexConfiguration> {

    /** How long the console waits for a plugin's health checks. */
    private static final Duration PLUGIN_HEALTH_DEADLINE = Duration.ofSeconds(2);

    private PluginLifecycle plugins;
    private DeployFolder deployFolder;
    private StoredSecrets secrets;
    private HostJobs jobs;
    private HostEvents events;

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
        StartPhases.sinceJvmStart("the application's wiring");
        Map<String, String> env = System.getenv();
        Path dataDirectory = DataDirectory.open(config.getDataDirectory());
        HostDatabase.Opened database = StartPhases.timed(
                "database",
                () -> HostDatabase.open(
                        config.getDatabase(), env, dataDirectory, environment.lifecycle(), environment.metrics()));
        ManagedDataSource dataSource = database.dataSource();
        Jdbi jdbi = Jdbi.create(dataSource);
        Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
        FelixRuntime felix = StartPhases.timed("Felix", () -> startFelix(dataDirectory, environment));
        addHttpFilters(config.getHttp(), environment);

        // Who calls: users, their tokens and the audit log.
        AuditLog audit = new AuditLog(jdbi, clock);
        UserStore users = new UserStore(jdbi, clock);
        TokenStore tokens = new TokenStore(jdbi, clock);
        Authenticator authenticator = authenticator(config, env, dataDirectory, tokens, users, clock);
        TokenIssuer issuer = new TokenIssuer(tokens, authenticator, clock);
        addAuthentication(environment, authenticator, config.getAuth(), audit);

        // What plugins run on: modules per user, secrets, outbound HTTP, routes, the OpenAPI document, the lifecycle.
        ActiveModules activeModules = new ActiveModules();
        UserModules userModules = new UserModules(activeModules, new UserModuleStore(jdbi), clock);
        secrets = new StoredSecrets(
                jdbi, new SecretBox(SecretKeySource.resolve(config.getSecrets(), env, dataDirectory)), clock);
        Duration drainTimeout = config.getPlugins().getDrainTimeout().toJavaDuration();
        OutboundClients outbound = new OutboundClients(config.getHttp().getOutbound()::policyFor, Clock.systemUTC());
        int maxJsonNestingDepth = config.getHttp().getMaxJsonNestingDepth();
        events = HostEvents.create(
                dataSource,
                config.getEvents(),
                clock,
                () -> PluginContainerFactory.pluginObjectMapper(maxJsonNestingDepth));
        jobs = HostJobs.create(
                dataSource,
                config.getJobs(),
                drainTimeout,
                clock,
                () -> PluginContainerFactory.pluginObjectMapper(maxJsonNestingDepth),
                List.of(events.sweep()));
        RouteMetrics routeMetrics = new RouteMetrics(environment.metrics());
        PluginRouter router =
                addPluginRouter(environment, userModules, drainTimeout, maxConcurrentRequests(config), routeMetrics);
        PluginContainerFactory containers = new PluginContainerFactory(
                environment.getApplicationContext().getServletContext(), routeMetrics, maxJsonNestingDepth);
        ApiDocument apiDocument = ApiDocument.describing(
                version(),
                List.of(
                        PluginAdminResource.class,
                        UserAdminResource.class,
                        AuditResource.class,
                        SecretAdminResource.class,
                        JobAdminResource.class,
                        EventAdminResource.class,
                        OutboundAdminResource.class,
                        LeftoverThreadsResource.class),
                List.of(MeResource.class, ModulesResource.class));
        LeftoverThreads leftoverThreads = new LeftoverThreads();
        PluginBundleReader bundleReader = new PluginBundleReader(bundleSignatures(config.getPlugins(), env));
        plugins = PluginHost.builder()
                .bundles(felix, bundleReader)
                .codeCheckedBy(new CodeCheck(Set.copyOf(config.getPlugins().getTrustedCode())))
                .database(
                        dataSource,
                        new PluginDatabases(
                                dataSource, database.url(), config.getDatabase().isPluginRoles()))
                .services(
                        new HostPluginServices(users, userModules, secrets, outbound, jobs.host(), events.host()),
                        config.getPlugins().getSettings())
                .routes(router, containers, drainTimeout)
                .listedIn(apiDocument, activeModules)
                .monitoredBy(environment.healthChecks(), environment.metrics())
                .jobs(jobs.host())
                .events(events.host())
                .deadlines(new PluginDeadlines(
                        config.getPlugins().getStartTimeout().toJavaDuration(),
                        config.getPlugins().getStopTimeout().toJavaDuration(),
                        config.getPlugins().getMigrationTimeout().toJavaDuration()))
                .threads(config.getPlugins().getThreadsPerPlugin(), leftoverThreads)
                .previews(
                        config.getPlugins().getPreviewValidity().toJavaDuration(),
                        config.getPlugins().isRequirePreview())
                .build();
        deployFolder = new DeployFolder(
                config.getPlugins().getDeployDirectory(),
                plugins,
                bundleReader,
                config.getPlugins().getAcceptedPermissions());

        // The host's own REST API: /admin, /openapi.json, /docs, and /api/me (published once the host schema is).
        ((AbstractServerFactory) config.getServerFactory()).setRegisterDefaultExceptionMappers(false);
        allowWebDavMethods((AbstractServerFactory) config.getServerFactory());
        // The admin API's bodies are read by Dropwizard's mapper: as strictly as the plugins' (not in initialize(),
        // where the configuration, whose dw.* overrides are all text, is still to be read with a copy of it).
        PluginJson.strict(environment.getObjectMapper());
        registerErrorMappers(environment.jersey());
        environment.jersey().register(new AdminOnlyFilter());
        environment.jersey().register(new AuditFilter(audit));
        environment
                .jersey()
                .register(new PluginAdminResource(
                        plugins,
                        deployFolder,
                        config.getPlugins().getMaxUploadSize().toBytes()));
        environment.jersey().register(new UserAdminResource(users, issuer, authenticator));
        environment.jersey().register(new AuditResource(audit));
        environment.jersey().register(new SecretAdminResource(secrets, new SecretReencryption(secrets)));
        environment.jersey().register(new JobAdminResource(jobs.admin()));
        environment.jersey().register(new EventAdminResource(events.admin()));
        environment.jersey().register(new OutboundAdminResource(outbound));
        environment.jersey().register(new LeftoverThreadsResource(leftoverThreads));
        environment.jersey().register(new OpenApiResource(apiDocument));
        environment.servlets().addServlet("docs", new SwaggerUiServlet()).addMapping(SwaggerUiServlet.PATH + "/*");
        environment.servlets().addServlet("console", new ConsoleServlet()).addMapping(ConsoleServlet.PATH + "/*");
        PluginHealth pluginHealth = new PluginHealth(environment.healthChecks(), PLUGIN_HEALTH_DEADLINE);
        environment.lifecycle().manage(new AutoCloseableManager(pluginHealth));
        environment
                .jersey()
                .register(new PluginActivityResource(new PluginActivity(environment.metrics()), pluginHealth));
        List<Object> meRoute = List.of(
                new MeResource(tokens, issuer, users, authenticator),
                new ModulesResource(userModules),
                new AuditFilter(audit));

        addOperations(environment, dataSource, outbound);
        loadPluginsAtStart(
                environment,
                config.getPlugins(),
                dataSource,
                () -> publishHostRoute(router, containers, "me", meRoute));
    }

    /** Bearer tokens: the bootstrap admin token, personal access tokens and, when configured, OIDC JWTs. */
    private static Authenticator authenticator(
            MetaCortexConfiguration config,
            Map<String, String> env,
            Path dataDirectory,
            TokenStore tokens,
            UserStore users,
            Clock clock) {
        return new Authenticator(
                bootstrapToken(config, env, dataDirectory),
                tokens,
                users,
                config.getAuth().getOidc() == null
                        ? null
                        : new JwtVerifier(config.getAuth().getOidc()),
                clock,
                config.getAuth().getTokenCacheTtl().toJavaDuration());
    }

    /** Every request to /api and /admin is authenticated (or refused) before it reaches a resource. */
    private static void addAuthentication(
            Environment environment, Authenticator authenticator, AuthSettings auth, AuditLog audit) {
        environment
                .servlets()
                .addFilter(
                        "authentication",
                        new AuthenticationFilter(
                                authenticator,
                                new FailedAuthenticationLimiter(auth.getFailedAttemptsPerMinute()),
                                audit,
                                PluginRouter.BASE))
                .addMappingForUrlPatterns(
                        EnumSet.of(DispatcherType.REQUEST), true, PluginRouter.BASE + "/*", "/admin/*");
    }

    /**
     * Serves /api/<plugin-id>, with the modules each user turned off hidden from them, and each plugin limited to
     * its share of the request threads.
     */
    private static PluginRouter addPluginRouter(
            Environment environment,
            UserModules userModules,
            Duration drainTimeout,
            int maxConcurrentRequests,
            RouteMetrics routeMetrics) {
        PluginRouter router =
                new PluginRouter(new ModuleGate(userModules), drainTimeout, maxConcurrentRequests, routeMetrics);
        environment.servlets().addServlet("plugins", router).addMapping(PluginRouter.BASE + "/*");
        // RFC 6764: /.well-known/caldav and /.well-known/carddav lead to the plugin that claims each.
        environment
                .servlets()
                .addServlet("well-known", new WellKnownServlet(router))
                .addMapping(WellKnownServlet.PATH + "/*");
        return router;
    }

    /**
     * Lets the WebDAV methods plugin-api names ({@code io.metacortex.plugin.api.dav}) through to the plugins, beside
     * the configured {@code server.allowedMethods}: Dropwizard answers 405 to any other method before a servlet sees it.
     */
    private static void allowWebDavMethods(AbstractServerFactory server) {
        Set<String> allowed = new TreeSet<>(server.getAllowedMethods());
        allowed.addAll(List.of(PROPFIND.METHOD, PROPPATCH.METHOD, REPORT.METHOD, MKCOL.METHOD, MKCALENDAR.METHOD));
        server.setAllowedMethods(allowed);
    }

    /** {@code plugins.maxConcurrentRequests}, else a quarter of the server's request threads. */
    private static int maxConcurrentRequests(MetaCortexConfiguration config) {
        Integer configured = config.getPlugins().getMaxConcurrentRequests();
        if (configured != null) {
            return configured;
        }
        return Math.max(1, ((AbstractServerFactory) config.getServerFactory()).getMaxThreads() / 4);
    }

    private static FelixRuntime startFelix(Path dataDirectory, Environment environment) {
        FelixRuntime felix = FelixRuntime.start(
                dataDirectory.resolve("felix-cache"), SystemPackages.exports(SharedLibraries.ALLOWLIST));
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                felix.close();
            }
        });
        return felix;
    }

    /**
     * CORS in front of the servlets (preflights need no token); request ids everywhere; security headers on the APIs;
     * the body limit on plugin routes.
     */
    private static void addHttpFilters(HttpSettings http, Environment environment) {
        environment.getApplicationContext().insertHandler(CrossOriginPolicy.handler(http.getCorsAllowedOrigins()));
        environment
                .servlets()
                .addFilter("request-id", new RequestIdFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        environment
                .servlets()
                .addFilter("rejected-body", new RejectedBodyFilter())
                .addMappingForUrlPatterns(
                        EnumSet.of(DispatcherType.REQUEST), true, PluginRouter.BASE + "/*", "/admin/*");
        environment
                .servlets()
                .addFilter("security-headers", new SecurityHeadersFilter())
                .addMappingForUrlPatterns(
                        EnumSet.of(DispatcherType.REQUEST),
                        true,
                        PluginRouter.BASE + "/*",
                        "/admin/*",
                        "/openapi.json");
        environment
                .servlets()
                .addFilter(
                        "body-limit",
                        new BodyLimitFilter(http.getMaxRequestBodySize().toBytes()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, PluginRouter.BASE + "/*");
    }

    /** Errors as {@code {"error", "detail", "fields"}} JSON, never stack traces. */
    private static void registerErrorMappers(JerseyEnvironment jersey) {
        UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper("host");
        jersey.register(new HostExceptionMapper());
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new JsonProcessingExceptionMapper(unexpected));
        jersey.register(new ViolationExceptionMapper());
        jersey.register(unexpected);
    }

    /** Health checks, the liveness/readiness probes and the Prometheus endpoint, on the admin port. */
    private void addOperations(Environment environment, ManagedDataSource dataSource, OutboundClients outbound) {
        environment.healthChecks().register("database", new DatabaseHealthCheck(dataSource));
        environment.healthChecks().register("plugins", new PluginsHealthCheck(plugins));
        environment.healthChecks().register("jobs", jobs.healthCheck());
        environment
                .admin()
                .addServlet("health-probes", new HealthProbeServlet(environment.healthChecks(), List.of("database")))
                .addMapping(HealthProbeServlet.LIVE, HealthProbeServlet.READY);
        environment
                .admin()
                .addServlet(
                        "prometheus",
                        PrometheusEndpoint.servlet(
                                environment.metrics(), List.of(jobs.metrics(), events.metrics(), outbound.collector())))
                .addMapping(PrometheusEndpoint.PATH);
    }

    /**
     * Migrates the host schema and loads the plugins while the application context starts: after the pool, before
     * the connectors open. Then the deploy folder is scanned, at start and every {@code plugins.scanInterval}.
     */
    private void loadPluginsAtStart(
            Environment environment,
            PluginSettings settings,
            ManagedDataSource dataSource,
            Runnable publishHostRoutes) {
        ScheduledExecutorService scanner = environment
                .lifecycle()
                .scheduledExecutorService("deploy-folder-%d")
                .threads(1)
                .build();
        long scanMillis = settings.getScanInterval().toMilliseconds();
        environment.getApplicationContext().addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                StartPhases.sinceJvmStart("loading plugins");
                StartPhases.timed("host schema", () -> HostSchema.migrate(dataSource));
                secrets.warnAboutUnconfiguredKeys();
                StartPhases.timed("host routes", publishHostRoutes);
                StartPhases.timed("plugins", plugins::restore);
                events.start();
                jobs.scheduler().start();
                StartPhases.timed("deploy folder", deployFolder::scan);
                StartPhases.sinceJvmStart("plugins loaded");
                if (scanMillis > 0) {
                    scanner.scheduleWithFixedDelay(deployFolder::scan, scanMillis, scanMillis, TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void contextDestroyed(ServletContextEvent event) {
                scanner.shutdownNow();
                jobs.scheduler().stop();
                events.stop(settings.getDrainTimeout().toJavaDuration());
                plugins.unloadAll();
            }
        });
    }

    /** Signatures are checked when {@code plugins.requireSigned} is on, against {@code plugins.truststore}. */
    private static BundleSignatures bundleSignatures(PluginSettings settings, Map<String, String> env) {
        if (!settings.isRequireSigned()) {
            return BundleSignatures.notRequired();
        }
        if (settings.getTruststore() == null) {
            throw new IllegalStateException("plugins.requireSigned is true, but plugins.truststore is not set: point"
                    + " it at a PKCS12 keystore holding the certificates of the publishers you trust.");
        }
        return BundleSignatures.fromTruststore(
                settings.getTruststore(), settings.truststorePassword(env).orElse(null));
    }

    /** The bootstrap admin token, unless {@code admin.bootstrapTokenEnabled} is false. */
    private static String bootstrapToken(MetaCortexConfiguration config, Map<String, String> env, Path dataDirectory) {
        return config.getAdmin().isBootstrapTokenEnabled()
                ? AdminToken.resolve(env, config.getAdmin().getToken(), dataDirectory)
                : null;
    }

    /** Serves host resources under {@code /api/<id>}, with the same guards as plugins' routes. */
    private static void publishHostRoute(
            PluginRouter router, PluginContainerFactory containers, String id, List<Object> components) {
        try {
            router.publish(containers.create(id, "host", components));
        } catch (ServletException e) {
            throw new IllegalStateException("Cannot serve /api/" + id, e);
        }
    }

    /** @return the plugin lifecycle, once {@link #run} has wired it */
    public PluginLifecycle plugins() {
        return plugins;
    }

    /** @return the plugins' secrets, once {@link #run} has wired them */
    public StoredSecrets secrets() {
        return secrets;
    }

    /** @return the jobs' parts, once {@link #run} has wired them */
    public HostJobs jobs() {
        return jobs;
    }

    /** @return the events' parts, once {@link #run} has wired them */
    public HostEvents events() {
        return events;
    }

    /** @return the deploy folder, once {@link #run} has wired it */
    public DeployFolder deployFolder() {
        return deployFolder;
    }

    private static String version() {
        String version = MetaCortexApplication.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
