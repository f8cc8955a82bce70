package io.metacortex.plugin.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The entry point of a plugin, implemented by the plugin and named in its manifest by
 * {@link PluginManifest#PLUGIN_CLASS}. The host creates one instance per installed version through the public
 * no-argument constructor.
 *
 * <p>The host calls {@link #start} once, after the plugin's migrations have been applied, and routes requests to
 * the plugin only after {@code start} has returned. It calls {@link #stop} once, after the plugin's routes have
 * been withdrawn and the requests in flight have completed.
 */
@ConsumerType
public interface Plugin {

    /**
     * Registers what the plugin contributes. Throwing aborts the install, upgrade or enable: the host reports
     * the exception's message to the admin, and the previous state (if any) stays in service.
     *
     * @param context the plugin's view of the host, valid until {@link #stop} returns
     * @throws Exception when the plugin cannot start
     */
    void start(PluginContext context) throws Exception;

    /**
     * Releases what {@link #start} acquired outside the context (clients, connections). Resources, health checks and
     * metrics registered through the context are removed by the host, and once this returns the host shuts down
     * {@link PluginContext#executor()}, interrupting its tasks. Exceptions are logged and otherwise ignored.
     *
     * @throws Exception when stopping fails; the plugin is unloaded regardless
     */
    default void stop() throws Exception {}
}
