package io.metacortex.host.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is sane (1 to 64 letters, digits and
 * {@code . _ : -}), else a new UUID. The id is echoed in the response's {@code X-Request-Id} header (where the
 * request log reads it) and is the {@value #MDC_KEY} of the SLF4J MDC while the request runs, so every log line
 * written for the request carries it.
 */
public final class RequestIdFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = idFor(request.getHeader(HEADER));
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    static String idFor(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : newId().toString();
    }

    /**
     * A random (version 4) UUID from the thread's own generator: an id names a request in logs and is no secret, so it
     * needs neither {@code UUID.randomUUID()}'s SecureRandom nor the lock every request thread would share there.
     */
    static UUID newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0b11L << 62)) | (0b10L << 62);
        return new UUID(high, low);
    }
}
