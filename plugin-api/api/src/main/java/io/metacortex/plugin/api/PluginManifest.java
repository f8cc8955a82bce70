package io.metacortex.plugin.api;

/**
 * The manifest headers and bundle paths through which a bundle declares itself a MetaCortex plugin. Besides these,
 * the standard {@code Bundle-SymbolicName} and {@code Bundle-Version} (semantic version) are required.
 */
public final class PluginManifest {

    /** The plugin id, matching {@value #PLUGIN_ID_PATTERN}; it names the base path and the database schema. */
    public static final String PLUGIN_ID = "MetaCortex-Plugin-Id";

    /** A human-readable name. Required. */
    public static final String PLUGIN_NAME = "MetaCortex-Plugin-Name";

    /** A one-line description. Optional. */
    public static final String PLUGIN_DESCRIPTION = "MetaCortex-Plugin-Description";

    /** The fully qualified name of the class implementing {@link Plugin}. Required. */
    public static final String PLUGIN_CLASS = "MetaCortex-Plugin-Class";

    /** The pattern a plugin id must match. */
    public static final String PLUGIN_ID_PATTERN = "[a-z][a-z0-9-]{1,31}";

    /**
     * The folder inside the bundle holding the plugin's Flyway SQL migrations ({@code V1__create_tasks.sql}, ...).
     * They are applied to the plugin's schema, in version order, before {@link Plugin#start}.
     */
    public static final String MIGRATIONS_PATH = "db/migration";

    private PluginManifest() {
    }
}
