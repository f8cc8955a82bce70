package io.metacortex.plugin.api.dav;

import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Answers {@code REPORT}: a query named by its XML body, such as CalDAV's {@code calendar-query} and {@code calendar-multiget} or RFC 6578's {@code sync-collection} (RFC 3253, 3.6). */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@HttpMethod(REPORT.METHOD)
public @interface REPORT {

    /** The method's name on the wire. */
    String METHOD = "REPORT";
}
