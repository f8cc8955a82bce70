package io.metacortex.host.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Ends the connection after an error answer to a request that carries a body. Such answers (401, 403, 413...) are
 * often given before the body was read; Jetty then closes the connection once the answer is sent, and a client that
 * had already put the connection back in its pool fails its next request on it. Saying {@code Connection: close}
 * in the answer tells the client not to reuse it.
 */
public final class RejectedBodyFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        boolean hasBody = http.getContentLengthLong() > 0 || http.getHeader("Transfer-Encoding") != null;
        chain.doFilter(request, hasBody ? new ClosingOnError((HttpServletResponse) response) : response);
    }

    private static final class ClosingOnError extends HttpServletResponseWrapper {

        ClosingOnError(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int status) {
            closeOnError(status);
            super.setStatus(status);
        }

        @Override
        public void sendError(int status) throws IOException {
            closeOnError(status);
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            closeOnError(status);
            super.sendError(status, message);
        }

        private void closeOnError(int status) {
            if (status >= 400 && !isCommitted()) {
                setHeader("Connection", "close");
            }
        }
    }
}
