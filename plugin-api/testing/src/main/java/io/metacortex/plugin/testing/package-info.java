/**
 * The test harness for a MetaCortex plugin's DAO and resource tests, taken in test scope
 * ({@code io.metacortex:metacortex-plugin-testing}): {@link io.metacortex.plugin.testing.PluginDatabase} (a real
 * PostgreSQL database with the plugin's migrations in {@code plugin_<id>}, applied as the host applies them) and {@link
 * io.metacortex.plugin.testing.PluginDatabaseExtension} (one per test class, reset before each test), {@link
 * io.metacortex.plugin.testing.TestPluginContext} (a plugin context that behaves as the host's), {@link
 * io.metacortex.plugin.testing.RowLevelSecurityRole} (connections the row-level security policies apply to, with
 * {@code app.user_id} set as the host sets it), {@link io.metacortex.plugin.testing.TestUsers}, {@link
 * io.metacortex.plugin.testing.TestUriInfo}, {@link io.metacortex.plugin.testing.ApiExceptionAssert}, {@link
 * io.metacortex.plugin.testing.PluginObjectMapper} and {@link io.metacortex.plugin.testing.PluginJar} (a plugin bundle
 * built inside a test, to install variants of a plugin on a host).
 */
package io.metacortex.plugin.testing;
