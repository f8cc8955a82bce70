package io.metacortex.calendar.internal.feeds;

import io.metacortex.plugin.api.OutboundHttp;
import io.metacortex.plugin.api.OutboundHttpException;
import io.metacortex.plugin.api.PluginPermissionException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Downloads a feed once through the host's {@link OutboundHttp} (declared hosts only, its timeouts and circuit
 * breakers), conditionally: the validators of the last download go out as {@code If-None-Match} and
 * {@code If-Modified-Since}. One attempt: the job tries again at its next run.
 */
final class FeedFetcher {

    /** What a download gave. */
    sealed interface Fetch {}

    /** 304: the feed has not changed since the validators sent. */
    record NotModified() implements Fetch {}

    /** 200: the feed's text and the validators to send next time (null when the server gave none). */
    record Fetched(String body, String etag, String lastModified) implements Fetch {}

    /** Anything else, said for the user: the status, the timeout, the size, the refusal. */
    record Failed(String error) implements Fetch {}

    private final Supplier<OutboundHttp> http;
    private final Duration timeout;
    private final int maxBytes;

    FeedFetcher(Supplier<OutboundHttp> http, Duration timeout, int maxBytes) {
        this.http = http;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    Fetch fetch(FeedUrl url, String etag, String lastModified) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.target())
                .timeout(timeout)
                .header("Accept", "text/calendar, */*;q=0.5")
                .GET();
        url.basicAuthorization().ifPresent(auth -> request.header("Authorization", auth));
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        try {
            HttpResponse<InputStream> response =
                    http.get().send(request.build(), HttpResponse.BodyHandlers.ofInputStream(), 1);
            try (InputStream body = response.body()) {
                return answer(response, body);
            }
        } catch (HttpTimeoutException e) {
            return new Failed("the feed did not answer within " + said(timeout));
        } catch (OutboundHttpException e) {
            return new Failed(e.getMessage());
        } catch (PluginPermissionException e) {
            return new Failed("the host " + url.host() + " is not among the hosts the admin let the calendar reach");
        } catch (IOException e) {
            return new Failed("could not fetch the feed from " + url.host()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted while fetching the feed from " + url.host());
        }
    }

    private static String said(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " seconds" : duration.toMillis() + " ms";
    }

    private Fetch answer(HttpResponse<InputStream> response, InputStream body) throws IOException {
        int status = response.statusCode();
        if (status == 304) {
            return new NotModified();
        }
        if (status != 200) {
            String redirect = status / 100 == 3 ? " (redirects are not followed: subscribe to the new URL)" : "";
            return new Failed("the feed answered HTTP " + status + redirect);
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        byte[] bytes = declared > maxBytes ? null : body.readNBytes(maxBytes + 1);
        if (bytes == null || bytes.length > maxBytes) {
            return new Failed("the feed is larger than " + maxBytes + " bytes");
        }
        return new Fetched(
                new String(bytes, StandardCharsets.UTF_8),
                response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Last-Modified").orElse(null));
    }
}
