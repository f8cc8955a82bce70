package io.metacortex.host.admin;

import io.metacortex.host.errors.ErrorBody;
import io.metacortex.host.identity.Authentication;
import io.metacortex.host.identity.Scope;
import io.metacortex.plugin.api.User;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Lets a request to an {@link AdminOnly} resource through only when it is authenticated (401 otherwise) as an
 * admin whose credential carries the {@code admin} scope (403 otherwise).
 */
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
public final class AdminOnlyFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        Authentication authentication = (Authentication) request.getProperty(Authentication.ATTRIBUTE);
        if (authentication == null) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metacortex\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody(
                            "unauthorized",
                            "This endpoint needs an admin's bearer token: send 'Authorization: Bearer <token>'."))
                    .build());
        } else if (!authentication.user().hasRole(User.ROLE_ADMIN) || !authentication.allows(Scope.ADMIN)) {
            request.abortWith(Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody(
                            "forbidden",
                            authentication.user().hasRole(User.ROLE_ADMIN)
                                    ? "The token lacks the scope admin."
                                    : "This endpoint is for admins."))
                    .build());
        }
    }
}
