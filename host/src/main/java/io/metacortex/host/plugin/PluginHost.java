package io.metacortex.host.plugin;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.metacortex.host.code.CodeCheck;
import io.metacortex.host.events.EventHost;
import io.metacortex.host.felix.FelixRuntime;
import io.metacortex.host.jobs.JobHost;
import io.metacortex.host.modules.ActiveModules;
import io.metacortex.host.openapi.ApiDocument;
import io.metacortex.host.routing.PluginContainerFactory;
import io.metacortex.host.routing.PluginRouter;
import io.metacortex.host.threads.LeftoverThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Wires the plugin lifecycle from the host's parts; the only way in from outside this package. */
public final class PluginHost {

    private PluginHost() {}

    /** @return a builder that takes the host's parts by what they are for; each is required */
    public static Builder builder() {
        return new Builder();
    }

    /** The host's parts the plugin lifecycle works with, named by what they are for. */
    public static final class Builder {

        private FelixRuntime felix;
        private PluginBundleReader reader;
        private CodeCheck code;
        private DataSource dataSource;
        private PluginDatabases databases;
        private PluginServices services;
        private Map<String, Map<String, String>> settings;
        private PluginRouter router;
        private PluginContainerFactory containers;
        private Duration drainTimeout;
        private ApiDocument apiDocument;
        private ActiveModules modules;
        private HealthCheckRegistry healthChecks;
        private MetricRegistry metrics;
        private JobHost jobs;
        private EventHost events;
        private PluginDeadlines deadlines = PluginDeadlines.DEFAULT;
        private int threadsPerPlugin;
        private LeftoverThreads leftovers;
        private Duration previewValidity = Duration.ofHours(1);
        private boolean previewRequired;

        private Builder() {}

        /** Where plugin bundles run, and how an upload is read and checked first. */
        public Builder bundles(FelixRuntime felix, PluginBundleReader reader) {
            this.felix = Objects.requireNonNull(felix, "felix");
            this.reader = Objects.requireNonNull(reader, "reader");
            return this;
        }

        /** How a bundle's code is checked before any of it runs. */
        public Builder codeCheckedBy(CodeCheck code) {
            this.code = Objects.requireNonNull(code, "code");
            return this;
        }

        /** The host's database (registry, plugins' schemas) and each plugin's connections to it. */
        public Builder database(DataSource dataSource, PluginDatabases databases) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.databases = Objects.requireNonNull(databases, "databases");
            return this;
        }

        /**
         * What a plugin's context offers (users, settings, secrets, HTTP), and the settings of each plugin by id
         * ({@code plugins.settings}).
         */
        public Builder services(PluginServices services, Map<String, Map<String, String>> settings) {
            this.services = Objects.requireNonNull(services, "services");
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** How plugins serve requests, and how long a replaced version may finish those in flight. */
        public Builder routes(PluginRouter router, PluginContainerFactory containers, Duration drainTimeout) {
            this.router = Objects.requireNonNull(router, "router");
            this.containers = Objects.requireNonNull(containers, "containers");
            this.drainTimeout = Objects.requireNonNull(drainTimeout, "drainTimeout");
            return this;
        }

        /** Where an active plugin is listed: the OpenAPI document and the users' modules. */
        public Builder listedIn(ApiDocument apiDocument, ActiveModules modules) {
            this.apiDocument = Objects.requireNonNull(apiDocument, "apiDocument");
            this.modules = Objects.requireNonNull(modules, "modules");
            return this;
        }

        /** Where plugins' health checks and metrics are registered. */
        public Builder monitoredBy(HealthCheckRegistry healthChecks, MetricRegistry metrics) {
            this.healthChecks = Objects.requireNonNull(healthChecks, "healthChecks");
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** Where plugins' background jobs run. */
        public Builder jobs(JobHost jobs) {
            this.jobs = Objects.requireNonNull(jobs, "jobs");
            return this;
        }

        /** Where plugins' events are delivered. */
        public Builder events(EventHost events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /** How long a plugin's start, stop and migrations may take ({@link PluginDeadlines#DEFAULT} unless set). */
        public Builder deadlines(PluginDeadlines deadlines) {
            this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
            return this;
        }

        /**
         * The threads of each plugin version's executor, and where the threads a stopped version left running are
         * recorded.
         */
        public Builder threads(int threadsPerPlugin, LeftoverThreads leftovers) {
            this.threadsPerPlugin = threadsPerPlugin;
            this.leftovers = Objects.requireNonNull(leftovers, "leftovers");
            return this;
        }

        /**
         * How long a preview's id may be used to install or upgrade ({@code plugins.previewValidity}, 1 hour unless
         * set), and whether installs and upgrades through the admin API need one ({@code plugins.requirePreview}).
         */
        public Builder previews(Duration validity, boolean required) {
            this.previewValidity = Objects.requireNonNull(validity, "validity");
            this.previewRequired = required;
            return this;
        }

        /** @throws NullPointerException naming the method whose parts were not given */
        public PluginLifecycle build() {
            Objects.requireNonNull(felix, "bundles");
            Objects.requireNonNull(dataSource, "database");
            Objects.requireNonNull(services, "services");
            Objects.requireNonNull(router, "routes");
            Objects.requireNonNull(apiDocument, "listedIn");
            Objects.requireNonNull(healthChecks, "monitoredBy");
            Objects.requireNonNull(jobs, "jobs");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(code, "codeCheckedBy");
            Objects.requireNonNull(leftovers, "threads");
            Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
            PluginRegistry registry = new PluginRegistry(Jdbi.create(dataSource));
            PluginLoader loader = new PluginLoader(
                    felix,
                    dataSource,
                    containers,
                    router,
                    healthChecks,
                    metrics,
                    settings,
                    drainTimeout,
                    services,
                    databases,
                    jobs,
                    events,
                    deadlines,
                    threadsPerPlugin,
                    leftovers);
            PluginSchemas schemas = new PluginSchemas(dataSource);
            LoadedPlugins loaded =
                    new LoadedPlugins(registry, loader, router, apiDocument, modules, jobs, events, clock);
            InstallJournal journal = new InstallJournal(Jdbi.create(dataSource));
            PluginRecovery recovery =
                    new PluginRecovery(registry, reader, loader, schemas, loaded, journal, code, clock);
            PluginPreviews previews = new PluginPreviews(
                    registry, reader, schemas, felix, new PreviewTokens(previewValidity, previewRequired, clock));
            return new PluginLifecycle(
                    registry, reader, loader, schemas, loaded, recovery, modules, services, journal, code, previews,
                    clock);
        }
    }
}
