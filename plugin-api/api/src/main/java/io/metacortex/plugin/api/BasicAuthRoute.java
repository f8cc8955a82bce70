package io.metacortex.plugin.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets the callers of a resource method, or of every method of a resource class, authenticate with HTTP Basic: the
 * user's e-mail address as user name and one of their personal access tokens as password. Made for clients that
 * speak nothing else, such as CalDAV and CardDAV clients; everywhere else (the plugin's other routes, other plugins,
 * {@code /api/me}, {@code /admin}) the host refuses Basic as an invalid credential. A bearer token is accepted here
 * too, and the caller reaches the method as {@code @Context User} either way.
 *
 * <p>It takes effect only for a plugin that declares {@link PluginPermissions#HTTP_BASIC} (which the admin accepts at
 * install); a plugin using it without declaring the permission is refused when it is loaded. On these routes a
 * request without a credential, or with one that fails, is answered {@code 401} with {@code WWW-Authenticate: Basic
 * realm="MetaCortex", charset="UTF-8"}, the challenge such clients wait for before they send their credentials.
 * Failed attempts count against the caller's limit like failed bearer tokens.
 *
 * @since 1.4
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BasicAuthRoute {}
