/**
 * How MetaCortex reads and writes JSON ({@link io.metacortex.plugin.support.json.PluginJson}), shared by the host
 * and the test kit. A package of its own, apart from {@code io.metacortex.plugin.support}: bnd embeds every package a
 * plugin refers to whole ({@code -conditionalpackage}), and this one needs Jackson modules the host does not export
 * to plugins, so a plugin that embedded it could not be installed.
 */
package io.metacortex.plugin.support.json;
