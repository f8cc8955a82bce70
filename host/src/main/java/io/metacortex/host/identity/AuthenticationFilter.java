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
 */
public final class AuthenticationFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final Authenticator authenticator;
    private final FailedAuthenticationLimiter limiter;
    private final AuditLog audit;

    public AuthenticationFilter(Authenticator authenticator, FailedAuthenticationLimiter limiter, AuditLog audit) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.audit = audit;
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
            try {
                Authentication authentication = authenticator.authenticate(header);
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
                limiter.failed(client);
                audit.record(
                        null,
                        "auth.failed",
                        request.getMethod() + " " + request.getRequestURI(),
                        AuditLog.Outcome.FAILURE,
                        client,
                        e.getMessage());
                response.setHeader("WWW-Authenticate", "Bearer realm=\"metacortex\", error=\"invalid_token\"");
                new ErrorBody("unauthorized", e.getMessage()).writeTo(response, 401);
                return;
            }
        }
        chain.doFilter(req, res);
    }
}
