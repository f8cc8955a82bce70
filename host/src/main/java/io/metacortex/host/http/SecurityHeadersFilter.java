package io.metacortex.host.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Adds the headers an API's responses should carry: no MIME sniffing, no framing, no referrer, no caching of
 * personal data, and a content security policy that lets a response load nothing.
 */
public final class SecurityHeadersFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader("X-Content-Type-Options", "nosniff");
        http.setHeader("X-Frame-Options", "DENY");
        http.setHeader("Referrer-Policy", "no-referrer");
        http.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        http.setHeader("Cache-Control", "no-store");
        chain.doFilter(request, response);
    }
}
