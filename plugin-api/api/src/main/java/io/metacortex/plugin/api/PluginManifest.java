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

    /**
     * The host capabilities the plugin needs, comma-separated; see {@link PluginPermissions}. Optional.
     *
     * @since 1.1
     */
    public static final String PLUGIN_PERMISSIONS = "MetaCortex-Plugin-Permissions";

    /**
     * A JSON file in the bundle declaring the per-user settings the plugin offers, typed and with defaults:
     * {@code {"dailyGoal": {"type": "integer", "default": 3, "minimum": 1, "maximum": 50}, "units": {"type":
     * "string", "enum": ["metric", "imperial"], "default": "metric"}}}. Types: string, integer, number, boolean.
     *
     * @since 1.1
     */
    public static final String SETTINGS_SCHEMA_PATH = "metacortex/settings.json";

    /**
     * The RFC 6764 well-known names the plugin answers, each with the path under its base path where clients should
     * go, comma-separated: {@code MetaCortex-Plugin-Well-Known: caldav=/dav/}. The host then redirects
     * {@code /.well-known/caldav} to {@code /api/<id>/dav/}. Names: {@code caldav}, {@code carddav}. One active plugin
     * at a time may claim a name: a version claiming one another active plugin holds is refused. Optional.
     *
     * @since 1.4
     */
    public static final String PLUGIN_WELL_KNOWN = "MetaCortex-Plugin-Well-Known";

    /** The pattern a plugin id must match. */
    public static final String PLUGIN_ID_PATTERN = "[a-z][a-z0-9-]{1,31}";

    /**
     * The folder inside the bundle holding the plugin's Flyway SQL migrations ({@code V1__create_tasks.sql}, ...).
     * They are applied to the plugin's schema, in version order, before {@link Plugin#start}.
     */
    public static final String MIGRATIONS_PATH = "db/migration";

    private PluginManifest() {}
}
