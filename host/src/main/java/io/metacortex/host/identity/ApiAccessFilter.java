package io.metacortex.host.identity;

import io.metacortex.host.errors.ErrorBody;
import io.metacortex.plugin.api.PublicRoute;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.Invocable;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Guards every {@code /api/<plugin>} route: it needs an authenticated user unless the resource is marked
 * {@link PublicRoute}; reading needs the scope {@code api:read}, anything else {@code api:write}. Sets the
 * request's {@link SecurityContext} so that {@code @RolesAllowed} and {@code @Context User} work.
 */
@Priority(Priorities.AUTHENTICATION)
public final class ApiAccessFilter implements ContainerRequestFilter {

    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /**
     * Whether each resource method of the container is public, by handler class and Java method (bounded by the
     * plugin's code, whatever resource models Jersey builds for sub-resources): annotations are read once, not per
     * request.
     */
    private final Map<Handler, Boolean> publicMethods = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        Authentication authentication = (Authentication) request.getProperty(Authentication.ATTRIBUTE);
        if (authentication == null) {
            if (!isPublic(request)) {
                request.abortWith(refusal(
                        Response.Status.UNAUTHORIZED,
                        "unauthorized",
                        "This route needs a bearer token: send 'Authorization: Bearer <token>'."));
            }
            return;
        }
        if (authentication.user().isBootstrapAdmin()) {
            request.abortWith(refusal(
                    Response.Status.FORBIDDEN,
                    "forbidden",
                    "The bootstrap admin token only"
                            + " works on /admin; create a user (POST /admin/users) and a token for it."));
            return;
        }
        Scope needed = READS.contains(request.getMethod()) ? Scope.API_READ : Scope.API_WRITE;
        if (!authentication.allows(needed)) {
            request.abortWith(refusal(
                    Response.Status.FORBIDDEN, "forbidden", "The token lacks the scope " + needed.label() + "."));
            return;
        }
        request.setSecurityContext(new UserSecurityContext(
                authentication.user(), request.getSecurityContext().isSecure()));
    }

    private boolean isPublic(ContainerRequestContext request) {
        ResourceMethod matched = ((ExtendedUriInfo) request.getUriInfo()).getMatchedResourceMethod();
        if (matched == null) {
            return false;
        }
        Invocable invocable = matched.getInvocable();
        return publicMethods.computeIfAbsent(
                new Handler(invocable.getHandler().getHandlerClass(), invocable.getDefinitionMethod()),
                Handler::isPublic);
    }

    /** A resource method as Java code: the class handling it and the method declaring it. */
    private record Handler(Class<?> type, Method method) {

        boolean isPublic() {
            return method.isAnnotationPresent(PublicRoute.class) || type.isAnnotationPresent(PublicRoute.class);
        }
    }

    static Response refusal(Response.Status status, String error, String detail) {
        Response.ResponseBuilder response =
                Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(error, detail));
        if (status == Response.Status.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metacortex\"");
        }
        return response.build();
    }

    /** The security context of an authenticated user. */
    record UserSecurityContext(UserAccount user, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return user;
        }

        @Override
        public boolean isUserInRole(String role) {
            return user.roles().contains(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
