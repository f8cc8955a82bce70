package io.metacortex.plugin.api;

/**
 * The host capabilities a plugin may declare in {@link PluginManifest#PLUGIN_PERMISSIONS}, comma-separated, e.g.
 * {@code MetaCortex-Plugin-Permissions: users:read, secrets, http:outbound;hosts="api.example.com,*.example.org"}
 * (and {@code http:basic} since 1.4).
 * An admin accepts them at install; an upgrade that adds any needs a new acceptance.
 *
 * @since 1.1
 */
public final class PluginPermissions {

    /** Look up other users' profiles: {@link PluginContext#users()}. */
    public static final String USERS_READ = "users:read";

    /** Call the declared hosts over HTTP: {@link PluginContext#http()}; the {@code hosts} attribute lists them. */
    public static final String HTTP_OUTBOUND = "http:outbound";

    /** Keep encrypted secrets: {@link PluginContext#secrets()}. */
    public static final String SECRETS = "secrets";

    /**
     * Accept HTTP Basic (the user's e-mail and a personal access token) on the routes marked {@link BasicAuthRoute}.
     *
     * @since 1.4
     */
    public static final String HTTP_BASIC = "http:basic";

    private PluginPermissions() {}
}
