package io.metacortex.host.identity;

import io.metacortex.host.audit.AuditFilter;
import io.metacortex.host.audit.AuditLog;
import io.metacortex.host.errors.DatabaseUnavailable;
import io.metacortex.host.errors.ErrorBody;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every request to {@code /api/*} and {@code /admin/*} that carries an {@code Authorization} header
 * and leaves the {@link Authentication} in a request attribute; a request with an invalid credential gets 401
 * here, is audited, and counts against its client's limit. Whether a request may go without one is decided later,
 * per route.
 *
 * <p>HTTP Basic is verified on the plugins' routes only, where some routes accept it ({@code @BasicAuthRoute}); only
 * the route knows, so a failed Basic credential is counted and audited here and answered by the route's {@link
 * ApiAccessFilter} (with the Basic challenge, or as any invalid credential), and a valid one on a route that does not
 * accept it is refused there and counted and audited here, after the route answered. Elsewhere ({@code /admin})
 * Basic is an invalid credential like any other.
 */
public final class AuthenticationFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);
    static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"metacortex\", error=\"invalid_token\"";

    private final Authenticator authenticator;
    private final FailedAuthenticationLimiter limiter;
    private final AuditLog audit;
    private final String pluginServletPath;

    /** @param pluginServletPath the servlet path of the plugins' routes, {@code /api}: where Basic may be accepted */
    public AuthenticationFilter(
            Authenticator authenticator,
            FailedAuthenticationLimiter limiter,
            AuditLog audit,
            String pluginServletPath) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.audit = audit;
        this.pluginServletPath = pluginServletPath;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String header = request.getHeader("Authorization");
        if (header != null) {
            String client = request.getRemoteAddr();
            if (limiter.blocked(client)) {
                response.setHeader("Retry-After", "60");
                new ErrorBody(
                                "too many failed authentications",
                                "This client failed to authenticate too often; retry in a minute.")
                        .writeTo(response, 429);
                return;
            }
            boolean basic = BasicCredentials.isBasic(header) && pluginServletPath.equals(request.getServletPath());
            try {
                Authentication authentication =
                        basic ? authenticator.authenticateBasic(header) : authenticator.authenticate(header);
                request.setAttribute(Authentication.ATTRIBUTE, authentication);
                request.setAttribute(AuditFilter.ACTOR, authentication.auditActor());
            } catch (RuntimeException e) {
                if (DatabaseUnavailable.isCause(e)) {
                    LOG.warn("Cannot check a credential: the database is unavailable ({})", e.getMessage());
                    response.setHeader("Retry-After", "5");
                    DatabaseUnavailable.BODY.writeTo(response, 503);
                } else {
                    String id =
                            String.format("%016x", ThreadLocalRandom.current().nextLong());
                    LOG.error("Authentication failed unexpectedly (log id {})", id, e);
                    new ErrorBody(
                                    "internal server error",
                                    "The credential could not be" + " checked; it has been logged with id " + id + ".")
                            .writeTo(response, 500);
                }
                return;
            } catch (AuthenticationException e) {
                failed(request, client, e.getMessage());
                if (basic) {
                    request.setAttribute(BasicCredentials.FAILED, e.getMessage());
                    chain.doFilter(req, res);
                } else {
                    refuse(response, e.getMessage());
                }
                return;
            }
            chain.doFilter(req, res);
            if (request.getAttribute(BasicCredentials.REFUSED) != null) {
                failed(request, client, ApiAccessFilter.BASIC_NOT_ACCEPTED);
            }
            return;
        }
        chain.doFilter(req, res);
    }

    /** Counts a failed authentication against the client's limit and audits it. */
    private void failed(HttpServletRequest request, String client, String why) {
        limiter.failed(client);
        audit.record(
                null,
                "auth.failed",
                request.getMethod() + " " + request.getRequestURI(),
                AuditLog.Outcome.FAILURE,
                client,
                why);
    }

    /** The answer to an invalid credential. */
    private static void refuse(HttpServletResponse response, String why) throws IOException {
        response.setHeader("WWW-Authenticate", INVALID_TOKEN_CHALLENGE);
        new ErrorBody("unauthorized", why).writeTo(response, 401);
    }
}
