package io.metacortex.host.plugin;

import java.util.List;

/** A plugin version could not be loaded; everything it had acquired was released. */
final class PluginLoadException extends Exception {

    private static final long serialVersionUID = 1L;

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
