package io.metacortex.host.http;

import io.metacortex.host.errors.BodyTooLargeException;
import io.metacortex.host.errors.ErrorBody;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses request bodies over a limit with 413: at once when the declared length is over it, and while reading
 * when a body without a length grows over it (the read then fails, and the request is answered 413 when the
 * response is still open).
 */
public final class BodyLimitFilter implements Filter {

    private static final long DRAIN_MIN = 64 * 1024;

    private final long maxBytes;

    public BodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (request.getContentLengthLong() > maxBytes) {
            drain(request);
            tooLarge(response);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, maxBytes);
        try {
            chain.doFilter(limited, res);
        } catch (BodyTooLargeException e) {
            if (!response.isCommitted()) {
                drain(request);
                response.reset();
                tooLarge(response);
            }
        }
    }

    /**
     * Reads and drops what is left of a refused body, up to a bound, so that the client, still sending, reads the
     * 413 instead of a reset connection; a body larger than that gets the connection closed.
     */
    private void drain(HttpServletRequest request) {
        long budget = Math.max(DRAIN_MIN, 4 * maxBytes);
        byte[] sink = new byte[8192];
        try {
            java.io.InputStream in = request.getInputStream();
            for (int n = in.read(sink); n >= 0 && budget > 0; n = in.read(sink)) {
                budget -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the connection will be closed; the 413 is written if it still can be
        }
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        new ErrorBody("request body too large", "Request bodies may be at most " + maxBytes + " bytes.")
                .writeTo(response, 413);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws BodyTooLargeException {
                        read += n;
                        if (read > max) {
                            throw new BodyTooLargeException(max);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
