package io.metacortex.host.http;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.ConditionalHandler;
import org.eclipse.jetty.server.handler.CrossOriginHandler;

/**
 * Cross-origin requests from the configured frontend origins only, by Jetty's {@link CrossOriginHandler}, on the
 * paths a frontend calls ({@code /api/*}, {@code /admin/*}, {@code /openapi.json}): an allowed origin's requests get
 * {@code Access-Control-Allow-Origin} and its preflights are answered before authentication (no token needed); any
 * other origin gets no CORS header, so browsers refuse it the response. Tokens travel in the Authorization header,
 * never in cookies, so credentials are not allowed.
 */
public final class CrossOriginPolicy {

    /** Every method a route of the API uses. */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    static final Set<String> REQUEST_HEADERS = Set.of("Authorization", "Content-Type", "X-Request-Id");
    static final Set<String> EXPOSED_HEADERS = Set.of("Location", "Retry-After", "X-Request-Id");
    /** How long a browser may reuse a preflight's answer (Chromium caps it at two hours). */
    static final Duration PREFLIGHT_MAX_AGE = Duration.ofMinutes(10);

    private static final String[] PATHS = {"/api/*", "/admin/*", "/openapi.json"};

    private CrossOriginPolicy() {}

    /**
     * The handlers to insert in front of the application's servlets (before the servlet filters, so preflights are
     * answered without a token).
     *
     * @param allowedOrigins exact origins such as {@code https://app.example.com}; empty: no cross-origin access
     */
    public static Handler.Singleton handler(List<String> allowedOrigins) {
        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(
                allowedOrigins.stream().map(Pattern::quote).collect(Collectors.toSet()));
        cors.setAllowedMethods(METHODS);
        cors.setAllowedHeaders(REQUEST_HEADERS);
        cors.setExposedHeaders(EXPOSED_HEADERS);
        cors.setPreflightMaxAge(PREFLIGHT_MAX_AGE);
        cors.setAllowCredentials(false);
        // Outside the API's paths the CORS handler is skipped: those requests go straight to the servlets.
        ConditionalHandler.SkipNext elsewhere = new ConditionalHandler.SkipNext(cors);
        elsewhere.excludePath(PATHS);
        return elsewhere;
    }
}
