package io.metacortex.outbound;

import static io.metacortex.outbound.ScriptedServer.drop;
import static io.metacortex.outbound.ScriptedServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.metacortex.plugin.api.OutboundHttp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The secrets a plugin puts in its requests (an Authorization header, a token in the query string, the body) appear
 * in no log line, at any level, and in no exception the plugin gets, whatever goes wrong.
 */
class SecretsStayOutOfLogsTest {

    private static final String HEADER_SECRET = "hdr-5ecret-7f3a";
    private static final String QUERY_SECRET = "qry-5ecret-91bc";
    private static final String BODY_SECRET = "bdy-5ecret-c0de";

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;
    private ScriptedServer server;

    @BeforeEach
    void captureEverything() throws Exception {
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        logged.start();
        root.addAppender(logged);
        server = new ScriptedServer();
    }

    @AfterEach
    void restore() {
        root.detachAppender(logged);
        root.setLevel(rootLevel);
        server.close();
    }

    @Test
    void noSecretIsLoggedOrToldWhateverFails() throws Exception {
        OutboundClients clients = OutboundClientTest.clients(b -> b.attempts(2)
                .readTimeout(Duration.ofMillis(200))
                .maxConcurrentCalls(1)
                .breaker(new OutboundPolicy.Breaker(50, 2, 2, Duration.ofSeconds(30), 3)));
        OutboundHttp http = clients.client("bank", Set.of("127.0.0.1"));
        List<Throwable> thrown = new ArrayList<>();

        // An undeclared host, a timeout, a dropped POST, retries exhausted, then the breaker opens and refuses.
        thrown.add(failure(
                http,
                secretRequest(URI.create("http://localhost:" + server.uri("/").getPort()), "GET")));
        server.then(server.hang(), server.hang());
        thrown.add(failure(http, secretRequest(server.uri(""), "GET")));
        server.then(drop());
        thrown.add(failure(http, secretRequest(server.uri(""), "POST")));
        server.otherwise(status(503));
        thrown.add(failure(http, secretRequest(server.uri(""), "GET")));
        thrown.add(failure(http, secretRequest(server.uri(""), "GET")));

        assertThat(thrown).hasSize(5).doesNotContainNull();
        assertThat(server.received).isNotEmpty().allSatisfy(r -> {
            assertThat(r.authorization()).isEqualTo("Bearer " + HEADER_SECRET);
            assertThat(r.uri().getQuery()).contains(QUERY_SECRET);
        });
        assertThat(logged.list)
                .as("the breaker's opening and the refused host were logged")
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("circuit breaker open"))
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("a host it did not declare"));
        for (ILoggingEvent event : logged.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).doesNotContain(HEADER_SECRET, QUERY_SECRET, BODY_SECRET);
        }
        for (Throwable e : thrown) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain(HEADER_SECRET, QUERY_SECRET, BODY_SECRET);
        }
    }

    private HttpRequest secretRequest(URI base, String method) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/accounts/" + "?access_token=" + QUERY_SECRET))
                .header("Authorization", "Bearer " + HEADER_SECRET)
                .method(
                        method,
                        method.equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{\"secret\":\"" + BODY_SECRET + "\"}"))
                .build();
    }

    private static Throwable failure(OutboundHttp http, HttpRequest request) {
        try {
            http.send(request, HttpResponse.BodyHandlers.ofString());
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
