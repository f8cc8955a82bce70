package io.metacortex.plugin.api;

/**
 * Thrown when a plugin uses a host capability it did not declare in {@link PluginManifest#PLUGIN_PERMISSIONS} (or
 * that the admin has not accepted). The message names the capability; the host also logs it.
 *
 * @since 1.1
 */
public class PluginPermissionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PluginPermissionException(String message) {
        super(message);
    }
}
