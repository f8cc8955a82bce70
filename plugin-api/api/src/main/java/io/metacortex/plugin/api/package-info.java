/**
 * The MetaCortex plugin API: the only package a plugin bundle compiles against.
 *
 * <p>A plugin is an OSGi bundle whose manifest names it (see {@link io.metacortex.plugin.api.PluginManifest}) and
 * whose entry class implements {@link io.metacortex.plugin.api.Plugin}. The host hands the plugin a
 * {@link io.metacortex.plugin.api.PluginContext} through which it registers its REST resources and health checks
 * and obtains its database access, metrics and configuration.
 *
 * <p>The package follows OSGi semantic versioning: a bundle built against 1.x resolves on every host exporting
 * 1.y with y &gt;= x.
 */
@Version("1.0.0")
@Export
package io.metacortex.plugin.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
