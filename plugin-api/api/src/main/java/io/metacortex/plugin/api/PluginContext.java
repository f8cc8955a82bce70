package io.metacortex.plugin.api;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import java.util.Map;
import java.util.UUID;
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
     * @return an HTTP client limited to the hosts the plugin declared
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
     * @return the plugin's settings from the host configuration ({@code plugins.settings.<plugin-id>}), unmodifiable,
     *     empty when none are configured
     */
    Map<String, String> configuration();
}
