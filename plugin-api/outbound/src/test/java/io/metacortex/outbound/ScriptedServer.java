package io.metacortex.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback HTTP server answering from a script: the next scripted answer, else the standing one. */
public final class ScriptedServer implements AutoCloseable {

    /** How to answer one request. */
    public interface Answer {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    /** A request as it arrived. */
    public record Received(
            String method, URI uri, String authorization, String idempotencyKey, String body, long nanos) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Answer otherwise = status(200);
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger inFlight = new AtomicInteger();

    public ScriptedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            inFlight.incrementAndGet();
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        body,
                        System.nanoTime()));
                Answer next = script.poll();
                (next == null ? otherwise : next).answer(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    /** Answers the next requests so, in order. */
    public ScriptedServer then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** Answers so once the script is used up. */
    public ScriptedServer otherwise(Answer answer) {
        this.otherwise = answer;
        return this;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    public int requests() {
        return received.size();
    }

    public static Answer status(int status, String... headerPairs) {
        return exchange -> {
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
            }
            byte[] body = ("answer " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    /** Answers 200 only once released (or closed): the client times out first, unless released. */
    public Answer hang() {
        return exchange -> {
            released.await();
            status(200).answer(exchange);
        };
    }

    /** Closes the connection without an answer, after reading the request: it may have been processed. */
    public static Answer drop() {
        return exchange -> {
            // Closing before sending the headers closes the connection.
        };
    }

    /** Lets the hanging requests be answered. */
    public void release() {
        released.countDown();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
