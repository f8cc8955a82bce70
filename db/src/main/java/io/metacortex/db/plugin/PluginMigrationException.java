package io.metacortex.db.plugin;

import java.util.Optional;

/**
 * A plugin's migrations could not be applied; its schema is as it was before the attempt. The message says which
 * script failed and PostgreSQL's error, or why the scripts do not match what the schema already has.
 */
public final class PluginMigrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pluginId;
    private final String fileName;
    private final boolean timedOut;

    PluginMigrationException(String pluginId, String fileName, String message, Throwable cause) {
        this(pluginId, fileName, message, cause, false);
    }

    PluginMigrationException(String pluginId, String fileName, String message, Throwable cause, boolean timedOut) {
        super(message, cause);
        this.pluginId = pluginId;
        this.fileName = fileName;
        this.timedOut = timedOut;
    }

    /** @return whether the migrations were ended by their deadline rather than by an error of their own */
    public boolean timedOut() {
        return timedOut;
    }

    /** @return the plugin whose migrations failed */
    public String pluginId() {
        return pluginId;
    }

    /** @return the script that failed, when one script is to blame (not for naming or validation errors) */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }
}
