package io.metacortex.bench;

import io.metacortex.plugin.api.User;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline's authentication, the same work per request as the host's for a personal access token it has
 * verified before: the bearer token's SHA-256, looked up in memory (the host's cache of verified credentials; the
 * host reaches its database only on a cache miss, which a steady load does not have). Anything else is 401.
 */
@Priority(Priorities.AUTHENTICATION)
final class StaticTokenFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";
    /** {@link PublicResource}'s path: anonymous, as the host's {@code @PublicRoute}s are. */
    private static final String PUBLIC = "public";

    private final Map<String, User> usersByTokenHash = new ConcurrentHashMap<>();

    StaticTokenFilter(String token, User user) {
        usersByTokenHash.put(sha256(token), user);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith(PUBLIC)) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        User user = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? usersByTokenHash.get(
                        sha256(authorization.substring(BEARER.length()).trim()))
                : null;
        if (user == null) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("error", "unauthorized", "detail", "send 'Authorization: Bearer <token>'"))
                    .build());
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return user;
            }

            @Override
            public boolean isUserInRole(String role) {
                return user.hasRole(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
