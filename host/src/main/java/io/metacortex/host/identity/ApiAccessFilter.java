package io.metacortex.host.identity;

import io.metacortex.host.errors.ErrorBody;
import io.metacortex.plugin.api.BasicAuthRoute;
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
import java.lang.annotation.Annotation;
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
 *
 * <p>HTTP Basic (verified by {@link AuthenticationFilter}) is accepted only on the routes marked {@link
 * BasicAuthRoute} of a container whose plugin was granted {@code http:basic}; there a missing or failed credential is
 * answered with the Basic challenge. On every other route a Basic credential is refused as an invalid one.
 */
@Priority(Priorities.AUTHENTICATION)
public final class ApiAccessFilter implements ContainerRequestFilter {

    /** The safe methods: reading needs only {@code api:read}. PROPFIND and REPORT read, as GET does (RFC 4918, 3253). */
    private static final Set<String> READS =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, "PROPFIND", "REPORT");

    /** What a Basic credential on a route that does not accept it is told: what any other route says of Basic. */
    static final String BASIC_NOT_ACCEPTED = "The Authorization header must use the Bearer scheme.";

    /**
     * How each resource method of the container is guarded, by handler class and Java method (bounded by the
     * plugin's code, whatever resource models Jersey builds for sub-resources): annotations are read once, not per
     * request.
     */
    private final Map<Handler, Guard> guards = new ConcurrentHashMap<>();

    private final boolean basicGranted;

    /** @param basicGranted whether the plugin may accept HTTP Basic on its {@link BasicAuthRoute} routes */
    public ApiAccessFilter(boolean basicGranted) {
        this.basicGranted = basicGranted;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Guard guard = guard(request);
        boolean basicRoute = basicGranted && guard.basic();
        Authentication authentication = (Authentication) request.getProperty(Authentication.ATTRIBUTE);
        Object basicFailure = request.getProperty(BasicCredentials.FAILED);
        if (basicFailure != null) {
            // Counted and audited by the AuthenticationFilter.
            request.abortWith(basicRoute ? basicChallenge(basicFailure.toString()) : invalidCredential());
            return;
        }
        if (authentication != null && authentication.method() == Authentication.Method.BASIC && !basicRoute) {
            request.setProperty(BasicCredentials.REFUSED, Boolean.TRUE);
            request.abortWith(invalidCredential());
            return;
        }
        if (authentication == null) {
            if (guard.open()) {
                return;
            }
            request.abortWith(
                    basicRoute
                            ? basicChallenge("This route needs your e-mail address and a personal access token"
                                    + " (HTTP Basic), or a bearer token.")
                            : refusal(
                                    Response.Status.UNAUTHORIZED,
                                    "unauthorized",
                                    "This route needs a bearer token: send 'Authorization: Bearer <token>'."));
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
                authentication.user(),
                request.getSecurityContext().isSecure(),
                authentication.method() == Authentication.Method.BASIC ? SecurityContext.BASIC_AUTH : "Bearer"));
    }

    private Guard guard(ContainerRequestContext request) {
        ResourceMethod matched = ((ExtendedUriInfo) request.getUriInfo()).getMatchedResourceMethod();
        if (matched == null) {
            return Guard.CLOSED;
        }
        Invocable invocable = matched.getInvocable();
        return guards.computeIfAbsent(
                new Handler(invocable.getHandler().getHandlerClass(), invocable.getDefinitionMethod()), Handler::guard);
    }

    /**
     * How a route is guarded.
     *
     * @param open whether anonymous callers may call it ({@link PublicRoute})
     * @param basic whether it is marked {@link BasicAuthRoute}
     */
    private record Guard(boolean open, boolean basic) {
        static final Guard CLOSED = new Guard(false, false);
    }

    /** A resource method as Java code: the class handling it and the method declaring it. */
    private record Handler(Class<?> type, Method method) {

        Guard guard() {
            return new Guard(marked(PublicRoute.class), marked(BasicAuthRoute.class));
        }

        private boolean marked(Class<? extends Annotation> annotation) {
            return method.isAnnotationPresent(annotation) || type.isAnnotationPresent(annotation);
        }
    }

    /** A missing or failed credential on a route that accepts HTTP Basic: its challenge, for clients to answer. */
    private static Response basicChallenge(String detail) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, BasicCredentials.CHALLENGE)
                .entity(new ErrorBody("unauthorized", detail))
                .build();
    }

    /** What {@link AuthenticationFilter} answers an invalid credential. */
    private static Response invalidCredential() {
        return Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, AuthenticationFilter.INVALID_TOKEN_CHALLENGE)
                .entity(new ErrorBody("unauthorized", BASIC_NOT_ACCEPTED))
                .build();
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
    record UserSecurityContext(UserAccount user, boolean secure, String scheme) implements SecurityContext {

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
            return scheme;
        }
    }
}
