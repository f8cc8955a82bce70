package io.metacortex.host.admin;

import io.metacortex.host.errors.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets a request to an {@link AdminOnly} resource through only with {@code Authorization: Bearer <admin token>}. */
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public final class AdminTokenFilter implements ContainerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final byte[] token;

    public AdminTokenFilter(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String problem;
        if (header == null) {
            problem = "This endpoint needs the admin token: send 'Authorization: Bearer <token>'.";
        } else if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            problem = "The Authorization header must use the Bearer scheme.";
        } else if (!MessageDigest.isEqual(token,
                header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8))) {
            problem = "The bearer token is not valid.";
        } else {
            return;
        }
        request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metacortex-admin\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("unauthorized", problem))
                .build());
    }
}
