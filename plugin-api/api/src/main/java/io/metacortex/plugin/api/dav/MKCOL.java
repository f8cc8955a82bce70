package io.metacortex.plugin.api.dav;

import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Answers {@code MKCOL}: creates a collection (RFC 4918, 9.3; extended by RFC 5689). */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@HttpMethod(MKCOL.METHOD)
public @interface MKCOL {

    /** The method's name on the wire. */
    String METHOD = "MKCOL";
}
