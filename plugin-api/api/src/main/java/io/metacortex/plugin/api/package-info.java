/**
 * The MetaCortex plugin API: the only package a plugin bundle compiles against.
 *
 * <p>A plugin is an OSGi bundle whose manifest names it (see {@link io.metacortex.plugin.api.PluginManifest}) and
 * whose entry class implements {@link io.metacortex.plugin.api.Plugin}. The host hands the plugin a
 * {@link io.metacortex.plugin.api.PluginContext} through which it registers its REST resources and health checks
 * and obtains its database access, metrics and configuration.
 *
 * <p>Routes are authenticated by default: a request without a valid bearer token gets 401 before it reaches the
 * plugin. A resource method takes the caller as {@code @Context User user}; {@link
 * io.metacortex.plugin.api.PublicRoute} opens a route to anonymous callers, and {@code
 * jakarta.annotation.security.RolesAllowed} restricts one to roles.
 *
 * <p>The package follows OSGi semantic versioning: a bundle built against 1.x resolves on every host exporting
 * 1.y with y &gt;= x. 1.1 added {@link io.metacortex.plugin.api.User},
 * {@link io.metacortex.plugin.api.PublicRoute}, permissions ({@link io.metacortex.plugin.api.PluginPermissions}:
 * users, secrets, outbound HTTP) and per-user settings. 1.2 added services between plugins
 * ({@link io.metacortex.plugin.api.PluginContext#provideService}, {@link
 * io.metacortex.plugin.api.PluginContext#services}). 1.3 added background jobs ({@link
 * io.metacortex.plugin.api.PluginContext#jobs()}, package {@code io.metacortex.plugin.api.jobs}), an executor
 * shut down by the host when the plugin stops ({@link io.metacortex.plugin.api.PluginContext#executor()}) and a resilient
 * outbound HTTP client (timeouts, retries, a circuit breaker per host and a concurrency limit behind {@link
 * io.metacortex.plugin.api.OutboundHttp}; the exceptions extending {@link
 * io.metacortex.plugin.api.OutboundHttpException}; the per-call attempts). 1.4 added HTTP Basic on the routes a plugin marks
 * {@link io.metacortex.plugin.api.BasicAuthRoute} (permission {@link
 * io.metacortex.plugin.api.PluginPermissions#HTTP_BASIC}), the well-known names a plugin answers ({@link
 * io.metacortex.plugin.api.PluginManifest#PLUGIN_WELL_KNOWN}) and the WebDAV methods of package {@code
 * io.metacortex.plugin.api.dav}.
 */
@Version("1.4.0")
@Export
package io.metacortex.plugin.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
