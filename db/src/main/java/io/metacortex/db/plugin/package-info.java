/**
 * Each plugin's own schema ({@code plugin_<id>}) and its SQL migrations: {@link io.metacortex.db.plugin.PluginMigrator}
 * applies the scripts the host reads from a bundle's {@code db/migration} folder, all or nothing;
 * {@link io.metacortex.db.plugin.PluginSchema} names, checks and drops the schema.
 */
package io.metacortex.db.plugin;
