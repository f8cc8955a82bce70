package io.metacortex.plugin.api;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import io.metacortex.plugin.api.events.Events;
import io.metacortex.plugin.api.jobs.Jobs;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.jdbi.v3.core.Jdbi;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The plugin's view of the host, handed to {@link Plugin#start}. Implemented by the host only; new methods may be
 * added in minor versions.
 */
@ProviderType
public interface PluginContext {

    /**
     * @return the plugin id from {@link PluginManifest#PLUGIN_ID}, e.g. {@code tasks}
     */
    String pluginId();

    /**
     * @return the version of the bundle being started, e.g. {@code 1.2.0}
     */
    String version();

    /**
     * Registers a JAX-RS component: a resource or provider, as an instance or a class. Resources are served under
     * the plugin's base path {@code /api/<plugin-id>}: a resource annotated {@code @Path("/")} answers at the base
     * path itself. Components can only be registered during {@link Plugin#start}.
     *
     * @param component a JAX-RS resource or provider instance, or its class
     * @throws IllegalStateException when called after {@link Plugin#start} has returned
     */
    void registerResource(Object component);

    /**
     * Registers a health check, reported by the host as {@code plugin.<plugin-id>.<name>}. It is removed when the
     * plugin stops.
     *
     * @param name a name unique within the plugin
     * @param check the check
     * @throws IllegalArgumentException when the plugin already registered a check with that name
     */
    void registerHealthCheck(String name, HealthCheck check);

    /**
     * @return a Jdbi whose connections use the plugin's own schema ({@code plugin_<id>}, with {@code -} replaced by
     *     {@code _}) as their search path; the plugin's migrations have been applied to it
     */
    Jdbi jdbi();

    /**
     * @return a metric registry scoped to the plugin; the host reports its metrics prefixed with
     *     {@code plugins.<plugin-id>.} and removes them when the plugin stops
     */
    MetricRegistry metrics();

    /**
     * @return the directory of users
     * @throws PluginPermissionException unless the plugin holds {@value PluginPermissions#USERS_READ}
     * @since 1.1
     */
    UserDirectory users();

    /**
     * @return the plugin's encrypted secret store
     * @throws PluginPermissionException unless the plugin holds {@value PluginPermissions#SECRETS}
     * @since 1.1
     */
    SecretStore secrets();

    /**
     * @return an HTTP client limited to the hosts the plugin declared, with the host's timeouts, retries, circuit
     *     breakers and concurrency limit (see {@link OutboundHttp}); it may be kept and shared between threads
     * @throws PluginPermissionException unless the plugin holds {@value PluginPermissions#HTTP_OUTBOUND}
     * @since 1.1
     */
    OutboundHttp http();

    /**
     * The settings a user chose for this plugin (through {@code PUT /api/me/modules/<plugin-id>}), over the
     * defaults of the plugin's settings schema ({@link PluginManifest#SETTINGS_SCHEMA_PATH}).
     *
     * @return setting name to value (String, Long, Double or Boolean), unmodifiable; empty without a schema
     * @since 1.1
     */
    Map<String, Object> userSettings(UUID userId);

    /**
     * Offers {@code service} to other plugins under {@code type} while this version of the plugin is active. The
     * type is an interface of a package the plugin exports with a version ({@code Export-Package}), so that other
     * plugins can import it; the host withdraws the service when the plugin stops, is disabled, upgraded or removed.
     * Services can only be offered during {@link Plugin#start}.
     *
     * @param type the interface other plugins look the service up by
     * @param service its implementation
     * @throws IllegalStateException when called after {@link Plugin#start} has returned
     * @throws IllegalArgumentException when {@code service} does not implement {@code type}
     * @since 1.2
     */
    <S> void provideService(Class<S> type, S service);

    /**
     * The services other plugins offer under {@code type} now, as this plugin sees the type: a provider whose
     * package this plugin is not wired to (another major version, or not installed) is not listed. Look services up
     * at each use and do not keep them: their provider may be upgraded, disabled or removed at any time. When this
     * plugin imports the type's package with {@code resolution:=optional}, check that the package is wired (the
     * class loads) before referring to {@code type}.
     *
     * @return the services, highest ranking first; empty when no active plugin offers one
     * @since 1.2
     */
    <S> List<S> services(Class<S> type);

    /**
     * The plugin's background jobs: job types are registered during {@link Plugin#start}, jobs scheduled at any time
     * while this version runs. Needs no permission.
     *
     * @return the jobs of this plugin, as seen by this version
     * @since 1.3
     */
    Jobs jobs();

    /**
     * The plugin's durable events: publish inside its own transactions, subscribe to other plugins' events during
     * {@link Plugin#start}. Needs no permission.
     *
     * @return the events of this plugin, as seen by this version
     * @since 1.3
     */
    Events events();

    /**
     * The threads this plugin version may use: a pool of a few daemon threads (the host's
     * {@code plugins.threadsPerPlugin}), named {@code plugin-<plugin-id>-<n>}, on which tasks run with the plugin's
     * id in the log context and the plugin's class loader as context class loader. A task that throws is logged with
     * the plugin's id, and its {@code Future} completes with the exception.
     *
     * <p>Use it instead of creating threads, which the host refuses at install. The host shuts it down when this
     * version stops (disable, upgrade, rollback, uninstall, host shutdown): once {@link Plugin#stop} has returned,
     * scheduled tasks are dropped, running ones are interrupted, and new ones are refused with {@code
     * RejectedExecutionException}. A task that ignores its interrupt is reported to the admin as a leftover thread.
     * The same executor is returned on every call; {@code shutdown()} on it ends the plugin's use of it early.
     *
     * @return the executor of this plugin version
     * @since 1.3
     */
    ScheduledExecutorService executor();

    /**
     * @return the plugin's settings from the host configuration ({@code plugins.settings.<plugin-id>}), unmodifiable,
     *     empty when none are configured
     */
    Map<String, String> configuration();
}
