/**
 * Support code shared by MetaCortex plugins: the error body the host uses ({@link
 * io.metacortex.plugin.support.ApiError}) with the exception and mapper that produce it, per-field validation messages
 * ({@link io.metacortex.plugin.support.FieldErrors}), the opaque paging cursor ({@link
 * io.metacortex.plugin.support.PageCursor}) and the paging query parameters ({@link
 * io.metacortex.plugin.support.PageParameters}), enum and tag parsing and a database health check.
 *
 * <p>Not part of the plugin API and not exported by the host: a plugin depends on
 * {@code io.metacortex:metacortex-plugin-support} in compile scope and lets bnd copy the classes it uses into its
 * bundle with {@code -conditionalpackage: io.metacortex.plugin.support.*}, so its manifest never imports this
 * package.
 */
package io.metacortex.plugin.support;
