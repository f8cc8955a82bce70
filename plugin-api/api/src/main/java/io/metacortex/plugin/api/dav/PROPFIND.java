package io.metacortex.plugin.api.dav;

import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Answers {@code PROPFIND}: reads properties of a resource and, by its {@code Depth} header, its members (RFC 4918, 9.1). */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@HttpMethod(PROPFIND.METHOD)
public @interface PROPFIND {

    /** The method's name on the wire. */
    String METHOD = "PROPFIND";
}
