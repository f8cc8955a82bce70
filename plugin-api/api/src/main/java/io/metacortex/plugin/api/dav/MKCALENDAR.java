package io.metacortex.plugin.api.dav;

import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Answers {@code MKCALENDAR}: creates a calendar collection (RFC 4791, 5.3.1). */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@HttpMethod(MKCALENDAR.METHOD)
public @interface MKCALENDAR {

    /** The method's name on the wire. */
    String METHOD = "MKCALENDAR";
}
