/**
 * The WebDAV methods JAX-RS lacks, as resource method designators: a resource method annotated {@link
 * io.metacortex.plugin.api.dav.PROPFIND} answers {@code PROPFIND} requests as one annotated {@code @GET} answers
 * {@code GET}. For DAV servers in plugins (WebDAV, RFC 4918; CalDAV, RFC 4791; CardDAV, RFC 6352; collection
 * synchronisation, RFC 6578), usually on routes marked {@link io.metacortex.plugin.api.BasicAuthRoute}.
 *
 * <p>The host passes these methods, with their XML bodies, through every filter to the plugin, labels them in its
 * request metrics, and leaves them out of {@code /openapi.json} (OpenAPI 3.0 has no place for them). {@code OPTIONS},
 * {@code PUT} and {@code DELETE} are JAX-RS's own; a DAV resource answers {@code OPTIONS} itself with its {@code DAV}
 * header.
 *
 * @since 1.4 of {@code io.metacortex.plugin.api}
 */
@Version("1.0.0")
@Export
package io.metacortex.plugin.api.dav;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
