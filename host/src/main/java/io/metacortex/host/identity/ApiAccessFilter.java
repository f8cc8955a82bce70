package io.metacortex.host.identity;

import io.metacortex.host.errors.ErrorBody;
import io.metacortex.plugin.api.PublicRoute;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;

/**
 * Guards every {@code /api/<plugin>} route: it needs an authenticated user unless the resource is marked
 * {@link PublicRoute}; reading needs the scope {@code api:read}, anything else {@code api:write}. Sets the
 * request's {@link SecurityContext} so that {@code @RolesAllowed} and {@code @Context User} work.
 */
@Priority(Priorities.AUTHENTICATION)
public final class ApiAccessFilter implements ContainerRequestFilter {

    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Authentication authentication = (Authentication) request.getProperty(Authentication.ATTRIBUTE);
        if (authentication == null) {
            if (!isPublic()) {
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

    private boolean isPublic() {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(PublicRoute.class)
                        || resource.getResourceClass().isAnnotationPresent(PublicRoute.class));
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
