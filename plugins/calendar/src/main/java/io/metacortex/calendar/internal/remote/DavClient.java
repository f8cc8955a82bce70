package io.metacortex.calendar.internal.remote;

import io.metacortex.plugin.api.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A small CalDAV client over the host's {@link OutboundHttp} (declared hosts only, timeouts, retries, breakers), with
 * HTTP Basic credentials. Failures are {@link DavException}s naming the server's host, never the credentials.
 */
final class DavClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String XML = "application/xml; charset=utf-8";

    /** A plain answer: status, body, and the {@code ETag} header. */
    record Answer(int status, String body, Optional<String> etag) {}

    private final OutboundHttp http;
    private final String authorization;

    DavClient(OutboundHttp http, String username, String password) {
        this.http = http;
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Multistatus propfind(URI uri, int depth, String body) {
        return multistatus(uri, "PROPFIND", depth, body);
    }

    Multistatus report(URI uri, int depth, String body) {
        return multistatus(uri, "REPORT", depth, body);
    }

    /**
     * A sync-collection REPORT.
     *
     * @return empty when the server no longer knows {@code token} (403 or 409 {@code valid-sync-token}, RFC 6578 3.2)
     */
    Optional<Multistatus> syncCollection(URI uri, String token) {
        Answer answer = send(request(uri, "REPORT", 0, XML, DavXml.syncCollection(token)));
        if ((answer.status() == 403 || answer.status() == 409) && token != null) {
            return Optional.empty();
        }
        return Optional.of(expect207(uri, answer));
    }

    /**
     * PUT with {@code If-None-Match: *} for a new object ({@code create}), else with {@code If-Match: etag} (none when
     * the etag is not known).
     */
    Answer put(URI uri, String ics, boolean create, String etag) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "text/calendar; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(ics, StandardCharsets.UTF_8));
        if (create) {
            request.header("If-None-Match", "*");
        } else if (etag != null) {
            request.header("If-Match", etag);
        }
        return send(request);
    }

    /** DELETE with {@code If-Match: etag} (none when {@code etag} is null). */
    Answer delete(URI uri, String etag) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .DELETE();
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return send(request);
    }

    private Multistatus multistatus(URI uri, String method, int depth, String body) {
        return expect207(uri, send(request(uri, method, depth, XML, body)));
    }

    private Multistatus expect207(URI uri, Answer answer) {
        if (answer.status() != 207) {
            throw new DavException("the CalDAV server at " + uri.getHost() + " answered " + answer.status()
                    + " where a multistatus (207) was expected");
        }
        return Multistatus.parse(answer.body(), uri);
    }

    /** A PROPFIND or REPORT: both only read, so the host may send them again after a failure (the key says so). */
    private HttpRequest.Builder request(URI uri, String method, int depth, String type, String body) {
        return HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header(OutboundHttp.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .header("Authorization", authorization)
                .header("Content-Type", type)
                .header("Depth", Integer.toString(depth))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        String host = built.uri().getHost();
        try {
            HttpResponse<String> response =
                    http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 401) {
                throw new DavException.Unauthorized(host);
            }
            return new Answer(
                    response.statusCode(), response.body(), response.headers().firstValue("ETag"));
        } catch (IOException e) {
            throw new DavException("the CalDAV server at " + host + " could not be reached ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DavException("interrupted while calling the CalDAV server at " + host);
        }
    }

    /** @return the given hrefs' calendar data and etags, in one calendar-multiget REPORT */
    Multistatus multiget(URI collection, List<String> hrefs) {
        return report(collection, 1, DavXml.multiget(hrefs));
    }
}
