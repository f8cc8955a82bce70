package io.metacortex.plugin.api.dav;

import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Answers {@code PROPPATCH}: sets and removes properties of a resource (RFC 4918, 9.2). */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@HttpMethod(PROPPATCH.METHOD)
public @interface PROPPATCH {

    /** The method's name on the wire. */
    String METHOD = "PROPPATCH";
}
