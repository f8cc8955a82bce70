package io.metacortex.host.plugin;

import java.util.List;

/** A plugin version could not be loaded; everything it had acquired was released. */
final class PluginLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The plugin's start (or its constructor) passed its deadline, or exited the JVM. */
    static final String DID_NOT_START = "plugin did not start";
    /** The migrations passed their deadline and were cancelled. */
    static final String MIGRATION_DID_NOT_FINISH = "migration did not finish";
    /** The JVM began to exit while the plugin was loading: no fault of the plugin. */
    static final String HOST_SHUTTING_DOWN = "host shutting down";
    /** Another active plugin answers a well-known name the version claims. */
    static final String WELL_KNOWN_NAME_TAKEN = "well-known name taken";

    private final String error;
    private final transient List<String> appliedMigrations;

    PluginLoadException(String error, String detail, List<String> appliedMigrations, Throwable cause) {
        super(detail, cause);
        this.error = error;
        this.appliedMigrations = List.copyOf(appliedMigrations);
    }

    String error() {
        return error;
    }

    /** @return the migration versions applied before the failure (they stay applied) */
    List<String> appliedMigrations() {
        return appliedMigrations;
    }
}
