package io.metacortex.calendar.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An ICS feed on loopback for a test: serves what the test set ({@link #serve}), answers 304 when the request's
 * If-None-Match is the current ETag, records each request's headers, and can hold its answer until the test
 * {@linkplain #release releases} it. {@link #close} stops it (and releases what it holds).
 */
final class FeedServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Headers> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "";
    private volatile String etag;
    private volatile String lastModified;
    private volatile CountDownLatch hold;

    FeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::answer);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves {@code ics} with status 200 and these validators (null: none). */
    FeedServer serve(String ics, String etag, String lastModified) {
        this.status = 200;
        this.body = ics;
        this.etag = etag;
        this.lastModified = lastModified;
        return this;
    }

    /** Answers {@code status} with {@code text}, whatever the request's validators. */
    FeedServer fail(int status, String text) {
        this.status = status;
        this.body = text;
        this.etag = null;
        return this;
    }

    /** Holds every answer until {@link #release}. */
    void hold() {
        hold = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch latch = hold;
        if (latch != null) {
            latch.countDown();
        }
    }

    List<Headers> requests() {
        return List.copyOf(requests);
    }

    Headers lastRequest() {
        return requests.get(requests.size() - 1);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestHeaders());
        try {
            CountDownLatch latch = hold;
            if (latch != null && !latch.await(30, TimeUnit.SECONDS)) {
                throw new IOException("never released");
            }
            String current = etag;
            if (status == 200
                    && current != null
                    && current.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/calendar; charset=utf-8");
            if (status == 200 && current != null) {
                exchange.getResponseHeaders().set("ETag", current);
            }
            if (status == 200 && lastModified != null) {
                exchange.getResponseHeaders().set("Last-Modified", lastModified);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
