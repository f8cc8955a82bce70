package io.metacortex.outbound;

import static io.metacortex.outbound.ScriptedServer.drop;
import static io.metacortex.outbound.ScriptedServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.metacortex.plugin.api.CircuitOpenException;
import io.metacortex.plugin.api.ConcurrencyLimitException;
import io.metacortex.plugin.api.OutboundHttp;
import io.metacortex.plugin.api.PluginPermissionException;
import io.metacortex.plugin.api.RetriesExhaustedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plugins' outbound client against loopback servers, with the waits made short by its settings: timeouts,
 * retries and Retry-After, the circuit breaker, the concurrency limit, the allowlist and the metrics.
 */
class OutboundClientTest {

    private ScriptedServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new ScriptedServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aRequestWithoutATimeoutGetsTheDefaultOne() {
        OutboundHttp http = client(b -> b.readTimeout(Duration.ofMillis(300)));
        server.otherwise(server.hang());
        long started = System.nanoTime();

        assertThatThrownBy(() -> http.send(get("/slow"), HttpResponse.BodyHandlers.ofString(), 1))
                .isExactlyInstanceOf(HttpTimeoutException.class);

        assertThat(elapsedMillis(started)).isBetween(300L, 3_000L);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void aRequestsOwnTimeoutIsKeptButNotBeyondTheMaximum() {
        OutboundHttp http = client(b -> b.readTimeout(Duration.ofSeconds(30)).maxReadTimeout(Duration.ofMillis(400)));
        server.otherwise(server.hang());

        long started = System.nanoTime();
        assertThatThrownBy(() -> http.send(
                        HttpRequest.newBuilder(server.uri("/slow"))
                                .timeout(Duration.ofMillis(200))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(),
                        1))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(elapsedMillis(started)).isBetween(200L, 3_000L);

        started = System.nanoTime();
        assertThatThrownBy(() -> http.send(
                        HttpRequest.newBuilder(server.uri("/slow"))
                                .timeout(Duration.ofHours(1))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(),
                        1))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(elapsedMillis(started)).isBetween(400L, 3_000L);
    }

    @Test
    void anIdempotentRequestThatTimesOutIsRetriedThenFailsWithTheTimeoutAsCause() {
        OutboundHttp http = client(b -> b.readTimeout(Duration.ofMillis(200)).attempts(2));
        server.otherwise(server.hang());

        assertThatThrownBy(() -> http.send(get("/slow"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(2);
                    assertThat(e.lastStatus()).isEmpty();
                    assertThat(e.host()).isEqualTo("127.0.0.1");
                    assertThat(e).hasCauseInstanceOf(HttpTimeoutException.class);
                    assertThat(e).hasMessage("127.0.0.1 failed 2 times; the last attempt timed out.");
                });
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void a503ThenSuccessIsTheSuccess() throws Exception {
        OutboundHttp http = client(b -> b);
        server.then(status(503), status(503)).otherwise(status(200));

        HttpResponse<String> response = http.send(get("/flaky"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("answer 200");
        assertThat(server.requests()).isEqualTo(3);
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfterInSeconds() throws Exception {
        OutboundHttp http = client(b -> b);
        server.then(status(429, "Retry-After", "1")).otherwise(status(200));

        HttpResponse<String> response = http.send(get("/limited"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.requests()).isEqualTo(2);
        long gapMillis = TimeUnit.NANOSECONDS.toMillis(
                server.received.get(1).nanos() - server.received.get(0).nanos());
        assertThat(gapMillis).isGreaterThanOrEqualTo(1_000L);
    }

    @Test
    void aRetryAfterDateInThePastIsRetriedAtOnce() throws Exception {
        OutboundHttp http = client(b -> b.backoff(Duration.ofSeconds(20), Duration.ofSeconds(20)));
        server.then(status(503, "Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")).otherwise(status(200));
        long started = System.nanoTime();

        assertThat(http.send(get("/busy"), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        // Not the 20 s backoff: the date said when, and that was long ago.
        assertThat(elapsedMillis(started)).isLessThan(10_000L);
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void aRetryAfterLongerThanTheHostWaitsEndsTheCallAtOnce() {
        OutboundHttp http = client(b -> b.maxRetryAfter(Duration.ofSeconds(2)));
        server.otherwise(status(503, "Retry-After", "120"));

        assertThatThrownBy(() -> http.send(get("/down"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.lastStatus()).hasValue(503);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                    assertThat(e)
                            .hasMessage("127.0.0.1 answered 503 and asked to retry after 120 s, longer than the"
                                    + " host waits (2 s).");
                });
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void retriesExhaustedOnAStatusTellTheLastStatus() throws Exception {
        OutboundHttp http = client(b -> b.attempts(3));
        server.otherwise(status(502));

        assertThatThrownBy(() -> http.send(get("/gateway"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.lastStatus()).hasValue(502);
                    assertThat(e).hasMessage("127.0.0.1 still answered 502 after 3 attempts.");
                });
        assertThat(server.requests()).isEqualTo(3);

        // One attempt asked for: the answer itself, whatever it is.
        HttpResponse<String> once = http.send(get("/gateway"), HttpResponse.BodyHandlers.ofString(), 1);
        assertThat(once.statusCode()).isEqualTo(502);
        assertThat(once.body()).isEqualTo("answer 502");
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void aCallMayAskForMoreAttemptsButNotBeyondTheMaximum() {
        OutboundHttp http = client(b -> b.attempts(2).maxAttempts(4));
        server.otherwise(status(503));

        assertThatThrownBy(() -> http.send(get("/down"), HttpResponse.BodyHandlers.ofString(), 9))
                .isInstanceOfSatisfying(
                        RetriesExhaustedException.class,
                        e -> assertThat(e.attempts()).isEqualTo(4));
        assertThatThrownBy(() -> http.send(get("/down"), HttpResponse.BodyHandlers.ofString(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be at least 1, was 0");
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void aPostIsNotRetriedAfterItMayHaveArrivedButIsOn503() throws Exception {
        OutboundHttp http = client(b -> b);
        server.then(drop());

        assertThatThrownBy(() -> http.send(post("/payments", "{\"cents\": 100}"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(RetriesExhaustedException.class);
        assertThat(server.requests()).isEqualTo(1);

        server.then(status(503)).otherwise(status(201));
        HttpResponse<String> created =
                http.send(post("/payments", "{\"cents\": 100}"), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(server.requests()).isEqualTo(3);
        assertThat(server.received.get(2).body()).isEqualTo("{\"cents\": 100}");

        // Not on 502 or 500: the server may have acted on it.
        server.then(status(502));
        assertThat(http.send(post("/payments", "{}"), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(502);
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void aPostWithAnIdempotencyKeyIsRetriedLikeAGet() throws Exception {
        OutboundHttp http = client(b -> b);
        server.then(drop()).otherwise(status(201));

        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(server.uri("/payments"))
                        .header(OutboundHttp.IDEMPOTENCY_KEY, "payment-42")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(server.received)
                .extracting(ScriptedServer.Received::idempotencyKey)
                .containsExactly("payment-42", "payment-42");
    }

    @Test
    void aPostIsRetriedWhenTheConnectionWasNeverMade() throws IOException {
        OutboundHttp http = client(b -> b.attempts(3));
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/payments");
        }

        assertThatThrownBy(() -> http.send(
                        HttpRequest.newBuilder(closed)
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e).hasCauseInstanceOf(ConnectException.class);
                    assertThat(e).hasMessage("127.0.0.1 failed 3 times; the last attempt could not connect.");
                });
    }

    @Test
    void theBreakerOpensOnFailuresThenHalfOpensAndClosesAfterSuccessfulTrials() throws Exception {
        OutboundClients clients =
                clients(b -> b.breaker(new OutboundPolicy.Breaker(50, 4, 4, Duration.ofMillis(300), 2)));
        OutboundHttp http = clients.client("bank", Set.of("127.0.0.1"));
        server.otherwise(status(500));
        for (int i = 0; i < 4; i++) {
            assertThat(http.send(get("/accounts"), HttpResponse.BodyHandlers.ofString(), 1)
                            .statusCode())
                    .isEqualTo(500);
        }

        assertThat(clients.circuits()).singleElement().satisfies(c -> {
            assertThat(c.plugin()).isEqualTo("bank");
            assertThat(c.host()).isEqualTo("127.0.0.1");
            assertThat(c.state()).isEqualTo("OPEN");
            assertThat(c.failureRate()).isEqualTo(100f);
        });
        assertThatThrownBy(() -> http.send(get("/accounts"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(CircuitOpenException.class)
                .hasMessage("Calls to 127.0.0.1 are suspended for a while: too many of the latest failed (circuit"
                        + " breaker open). Nothing was sent; retry later.");
        assertThat(server.requests()).isEqualTo(4);
        assertThat(Metrics.of(clients).value("metacortex_outbound_circuit_state", "bank", "127.0.0.1", "state", "open"))
                .isEqualTo(1.0);

        server.otherwise(status(200));
        await().atMost(5, TimeUnit.SECONDS).until(() -> state(clients).equals("HALF_OPEN"));
        assertThat(http.send(get("/accounts"), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        assertThat(state(clients)).isEqualTo("HALF_OPEN");
        assertThat(http.send(get("/accounts"), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        assertThat(state(clients)).isEqualTo("CLOSED");
        assertThat(Metrics.of(clients)
                        .value("metacortex_outbound_circuit_state", "bank", "127.0.0.1", "state", "closed"))
                .isEqualTo(1.0);
    }

    @Test
    void aPluginOverItsConcurrencyLimitIsRefusedAtOnce() throws Exception {
        OutboundClients clients = clients(b -> b.maxConcurrentCalls(2));
        OutboundHttp http = clients.client("bank", Set.of("127.0.0.1"));
        server.then(server.hang(), server.hang()).otherwise(status(200));

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> statusOf(http, "/one"));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> statusOf(http, "/two"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> server.inFlight.get() == 2);
        assertThat(Metrics.of(clients).value("metacortex_outbound_calls_in_flight", "bank"))
                .isEqualTo(2.0);

        assertThatThrownBy(() -> http.send(get("/three"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOfSatisfying(ConcurrencyLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(2);
                    assertThat(e)
                            .hasMessage("Plugin bank already has 2 outbound calls in flight, the most it may;"
                                    + " 127.0.0.1 was not called.");
                });
        assertThat(server.requests()).isEqualTo(2);

        server.release();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(Metrics.of(clients).value("metacortex_outbound_calls_in_flight", "bank"))
                .isEqualTo(0.0);
    }

    @Test
    void aHostThatWasNotDeclaredIsRefusedBeforeAnythingIsSent() {
        OutboundHttp http = clients(b -> b).client("bank", Set.of("127.0.0.1", "*.example.org"));

        assertThatThrownBy(() -> http.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + server.uri("/").getPort() + "/x?token=abc"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(PluginPermissionException.class)
                .hasMessage("Plugin bank may not call localhost: http:outbound names only [*.example.org, 127.0.0.1].");
        assertThat(server.requests()).isZero();

        OutboundClient client = (OutboundClient) http;
        assertThat(client.allowed("api.example.org")).isTrue();
        assertThat(client.allowed("example.org")).isFalse();
        assertThat(client.allowed("evil-example.org")).isFalse();
    }

    @Test
    void metricsCountCallsAnswersErrorsAndRetriesPerPluginAndHostUntilUninstall() throws Exception {
        OutboundClients clients = clients(b -> b.attempts(2));
        OutboundHttp http = clients.client("bank", Set.of("127.0.0.1"));
        server.then(status(503)).otherwise(status(200));
        http.send(get("/a"), HttpResponse.BodyHandlers.ofString());
        server.otherwise(status(404));
        http.send(get("/b"), HttpResponse.BodyHandlers.ofString());
        server.otherwise(status(503));
        assertThatThrownBy(() -> http.send(get("/c"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(RetriesExhaustedException.class);

        Metrics metrics = Metrics.of(clients);
        assertThat(metrics.value("metacortex_outbound_call_duration_seconds", "bank", "127.0.0.1"))
                .isEqualTo(3.0);
        assertThat(metrics.value("metacortex_outbound_responses", "bank", "127.0.0.1", "status", "2xx"))
                .isEqualTo(1.0);
        assertThat(metrics.value("metacortex_outbound_responses", "bank", "127.0.0.1", "status", "4xx"))
                .isEqualTo(1.0);
        assertThat(metrics.value("metacortex_outbound_errors", "bank", "127.0.0.1", "reason", "retries_exhausted"))
                .isEqualTo(1.0);
        assertThat(metrics.value("metacortex_outbound_retries", "bank", "127.0.0.1"))
                .isEqualTo(2.0);
        assertThat(metrics.value("metacortex_outbound_concurrency_limit", "bank"))
                .isEqualTo(4.0);

        clients.forget("bank");
        assertThat(Metrics.of(clients).points()).isEmpty();
        assertThat(clients.circuits()).isEmpty();
    }

    @Test
    void eachPluginHasItsOwnBreakerPerHostAndItsOwnOverrides() throws Exception {
        OutboundClients clients = new OutboundClients(
                id -> (id.equals("slow") ? base().maxConcurrentCalls(1).attempts(1) : base()).build(),
                Clock.systemUTC());
        server.otherwise(status(503));

        assertThat(clients.client("slow", Set.of("127.0.0.1"))
                        .send(get("/x"), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(503);
        assertThatThrownBy(() -> clients.client("bank", Set.of("127.0.0.1"))
                        .send(get("/x"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(RetriesExhaustedException.class);

        assertThat(clients.circuits())
                .extracting(OutboundClients.Circuit::plugin)
                .containsExactly("bank", "slow");
        assertThat(Metrics.of(clients).value("metacortex_outbound_concurrency_limit", "slow"))
                .isEqualTo(1.0);
    }

    private static String state(OutboundClients clients) {
        return clients.circuits().get(0).state();
    }

    private int statusOf(OutboundHttp http, String path) {
        try {
            return http.send(get(path), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(server.uri(path)).build();
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static OutboundHttp client(UnaryOperator<OutboundPolicy.Builder> tweak) {
        return clients(tweak).client("bank", Set.of("127.0.0.1"));
    }

    static OutboundClients clients(UnaryOperator<OutboundPolicy.Builder> tweak) {
        OutboundPolicy policy = tweak.apply(base()).build();
        return new OutboundClients(id -> policy, Clock.systemUTC());
    }

    /** Short waits: 10 ms backoff, a breaker that needs many calls, 4 calls at once. */
    static OutboundPolicy.Builder base() {
        return OutboundPolicy.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .maxConcurrentCalls(4)
                .breaker(new OutboundPolicy.Breaker(50, 100, 100, Duration.ofSeconds(30), 3));
    }
}
