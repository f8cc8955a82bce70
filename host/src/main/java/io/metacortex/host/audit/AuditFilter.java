package io.metacortex.host.audit;

import io.metacortex.host.errors.ErrorAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;

/**
 * Records every call of an {@link Audited} method once its response is known: the actor, the action, the target
 * (the path below the resource), the outcome (2xx success, 401/403 denied, else failure), the client address and,
 * for failures, the error's detail.
 */
public final class AuditFilter implements ContainerResponseFilter {

    /**
     * The request attribute naming who makes the request, as the audit log records them; the authentication sets
     * it. Absent for anonymous requests.
     */
    public static final String ACTOR = AuditFilter.class.getName() + ".actor";

    private final AuditLog audit;

    @Context
    private ResourceInfo resource;

    @Context
    private HttpServletRequest servletRequest;

    public AuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Method method = resource.getResourceMethod();
        Audited audited = method == null ? null : method.getAnnotation(Audited.class);
        if (audited == null) {
            return;
        }
        String actor = (String) request.getProperty(ACTOR);
        int status = response.getStatus();
        AuditLog.Outcome outcome = status < 400
                ? AuditLog.Outcome.SUCCESS
                : status == 401 || status == 403 ? AuditLog.Outcome.DENIED : AuditLog.Outcome.FAILURE;
        String detail = status < 400 ? null : status + " " + detailOf(response.getEntity());
        audit.record(
                actor,
                audited.value(),
                request.getUriInfo().getRequestUri().getPath(),
                outcome,
                servletRequest.getRemoteAddr(),
                detail);
    }

    private static String detailOf(Object entity) {
        if (entity instanceof ErrorAnswer answer) {
            return answer.error() + ": " + answer.detail();
        }
        return "";
    }
}
