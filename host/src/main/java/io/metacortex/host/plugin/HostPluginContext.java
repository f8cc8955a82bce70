package io.metacortex.host.plugin;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.metacortex.executor.PluginExecutor;
import io.metacortex.host.events.PluginEvents;
import io.metacortex.host.jobs.PluginJobs;
import io.metacortex.plugin.api.OutboundHttp;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.api.PluginManifest;
import io.metacortex.plugin.api.PluginPermissionException;
import io.metacortex.plugin.api.PluginPermissions;
import io.metacortex.plugin.api.SecretStore;
import io.metacortex.plugin.api.UserDirectory;
import io.metacortex.plugin.api.events.Events;
import io.metacortex.plugin.api.jobs.Jobs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.jdbi.v3.core.Jdbi;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's side of {@link PluginContext} for one plugin version: collects what the plugin registers during
 * start and removes it all again on {@link #release()}. Capabilities are checked against the permissions granted:
 * those the version declared and the admin accepted ({@link PluginLoader} loads no version needing more).
 */
final class HostPluginContext implements PluginContext {

    /** The service property naming the plugin that offers a service. */
    static final String PLUGIN_PROPERTY = "metacortex.plugin";

    private static final Logger LOG = LoggerFactory.getLogger(HostPluginContext.class);

    private final PluginBundle bundle;
    private final Permissions granted;
    private final PluginServices services;
    private final Jdbi jdbi;
    private final HealthCheckRegistry healthChecks;
    private final MetricRegistry hostMetrics;
    private final MetricRegistry metrics = new MetricRegistry();
    private final Map<String, String> configuration;
    private final List<Object> components = new ArrayList<>();
    private final Map<String, HealthCheck> healthCheckByName = new ConcurrentHashMap<>();
    private final Bundle osgiBundle;
    private final List<OfferedService<?>> offered = new ArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final PluginJobs jobs;
    private final PluginEvents events;
    /** Guards the registrations; private, so that plugin code cannot hold it (the context itself it can). */
    private final Object lock = new Object();

    private final PluginExecutor executor;
    private volatile boolean sealed;
    private volatile boolean published;

    /** @param granted the permissions the version declared and the admin accepted */
    HostPluginContext(
            PluginBundle bundle,
            Bundle osgiBundle,
            Permissions granted,
            Jdbi jdbi,
            HealthCheckRegistry healthChecks,
            MetricRegistry hostMetrics,
            Map<String, String> configuration,
            PluginServices services,
            PluginJobs jobs,
            PluginEvents events,
            PluginExecutor executor) {
        this.bundle = bundle;
        this.events = events;
        this.executor = executor;
        this.jobs = jobs;
        this.osgiBundle = osgiBundle;
        this.granted = granted;
        this.services = services;
        this.jdbi = jdbi;
        this.healthChecks = healthChecks;
        this.hostMetrics = hostMetrics;
        this.configuration = Map.copyOf(configuration);
    }

    @Override
    public String pluginId() {
        return bundle.id();
    }

    @Override
    public String version() {
        return bundle.version().toString();
    }

    @Override
    public void registerResource(Object component) {
        synchronized (lock) {
            Objects.requireNonNull(component, "component");
            if (sealed) {
                throw new IllegalStateException("Resources can only be registered during Plugin.start");
            }
            components.add(component);
        }
    }

    @Override
    public void registerHealthCheck(String name, HealthCheck check) {
        Objects.requireNonNull(check, "check");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A health check needs a name");
        }
        String qualified = "plugin." + bundle.id() + "." + name;
        if (healthCheckByName.putIfAbsent(qualified, check) != null) {
            throw new IllegalArgumentException("Plugin " + bundle.id() + " already registered health check " + name);
        }
        if (published) {
            healthChecks.register(qualified, check);
        }
    }

    @Override
    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public MetricRegistry metrics() {
        return metrics;
    }

    @Override
    public Map<String, String> configuration() {
        return configuration;
    }

    @Override
    public UserDirectory users() {
        require(PluginPermissions.USERS_READ);
        return services.users();
    }

    @Override
    public SecretStore secrets() {
        require(PluginPermissions.SECRETS);
        return services.secrets(bundle.id());
    }

    @Override
    public OutboundHttp http() {
        require(PluginPermissions.HTTP_OUTBOUND);
        return services.http(bundle.id(), granted.outboundHosts());
    }

    @Override
    public Jobs jobs() {
        return jobs;
    }

    @Override
    public Events events() {
        return events;
    }

    /** @return the version's events, as the host switches them */
    PluginEvents pluginEvents() {
        return events;
    }

    @Override
    public ScheduledExecutorService executor() {
        return executor;
    }

    /** @return the version's executor, which the host shuts down after the plugin's stop */
    PluginExecutor pluginExecutor() {
        return executor;
    }

    /** @return the version's jobs, as the host switches them */
    PluginJobs pluginJobs() {
        return jobs;
    }

    @Override
    public Map<String, Object> userSettings(UUID userId) {
        return services.userSettings(bundle.id(), bundle.settingsSchema(), Objects.requireNonNull(userId, "userId"));
    }

    @Override
    public <S> void provideService(Class<S> type, S service) {
        synchronized (lock) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(service, "service");
            if (sealed) {
                throw new IllegalStateException("Services can only be offered during Plugin.start");
            }
            if (!type.isInstance(service)) {
                throw new IllegalArgumentException(
                        service.getClass().getName() + " does not implement " + type.getName());
            }
            offered.add(new OfferedService<>(type, service));
        }
    }

    @Override
    public <S> List<S> services(Class<S> type) {
        Objects.requireNonNull(type, "type");
        BundleContext own = osgiBundle.getBundleContext();
        if (own == null) {
            return List.of();
        }
        try {
            // Felix lists only the services whose type this bundle is wired to, highest ranking first.
            return own.getServiceReferences(type, null).stream()
                    .sorted(Comparator.reverseOrder())
                    .map(reference -> serviceOrNull(own, reference))
                    .filter(type::isInstance)
                    .map(type::cast)
                    .toList();
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of();
        }
    }

    private static <S> S serviceOrNull(BundleContext context, ServiceReference<S> reference) {
        S service = context.getService(reference);
        // The providers' registrations hand out one shared object, so it needs no release per use.
        context.ungetService(reference);
        return service;
    }

    private void require(String capability) {
        if (!granted.has(capability)) {
            LOG.error(
                    "Plugin {} {} used the capability {} without declaring it in {}",
                    bundle.id(),
                    bundle.version(),
                    capability,
                    PluginManifest.PLUGIN_PERMISSIONS);
            throw new PluginPermissionException("Plugin " + bundle.id() + " did not declare the permission "
                    + capability + " (" + PluginManifest.PLUGIN_PERMISSIONS + ").");
        }
    }

    /** Ends the registration phase; @return the JAX-RS components registered */
    List<Object> seal() {
        synchronized (lock) {
            sealed = true;
            return List.copyOf(components);
        }
    }

    /**
     * Reports the plugin's health checks and metrics through the host's registries. Called once the version it
     * replaces has been released: during an upgrade both versions exist, and their names are the same.
     */
    void publish() {
        synchronized (lock) {
            published = true;
            healthCheckByName.forEach(healthChecks::register);
            hostMetrics.register(metricPrefix(), metrics);
            Dictionary<String, Object> properties = new Hashtable<>(Map.of(PLUGIN_PROPERTY, bundle.id()));
            BundleContext own = osgiBundle.getBundleContext();
            for (OfferedService<?> service : offered) {
                registrations.add(service.registerWith(own, properties));
            }
        }
    }

    /** Withdraws the plugin's services and removes its health checks and metrics from the host. */
    void release() {
        synchronized (lock) {
            for (ServiceRegistration<?> registration : registrations) {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // Felix withdrew it when the bundle stopped.
                }
            }
            registrations.clear();
            if (published) {
                healthCheckByName.keySet().forEach(healthChecks::unregister);
                metrics.removeMatching((name, metric) -> true);
                String prefix = metricPrefix() + ".";
                hostMetrics.removeMatching((name, metric) -> name.startsWith(prefix));
            }
            published = false;
            healthCheckByName.clear();
        }
    }

    private String metricPrefix() {
        return "plugins." + bundle.id();
    }

    /** A service offered during start, registered once the plugin is published. */
    private record OfferedService<S>(Class<S> type, S service) {

        ServiceRegistration<S> registerWith(BundleContext context, Dictionary<String, Object> properties) {
            return context.registerService(type, service, properties);
        }
    }
}
