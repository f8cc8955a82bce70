package io.metacortex.plugin.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Opens a resource method, or every method of a resource class, to callers without a token. Routes are
 * authenticated by default; mark only what really is public. A request that carries a token is still
 * authenticated, and one with an invalid token is still refused.
 *
 * @since 1.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PublicRoute {}
