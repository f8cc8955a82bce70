package io.metacortex.host.dav;

import io.metacortex.host.testing.RunningHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Requests as DAV clients send them: any method, an XML or iCalendar body, HTTP Basic. */
final class DavRequests {

    static final String PROPFIND_PRINCIPAL = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/></d:prop></d:propfind>
            """;

    private final RunningHost host;

    DavRequests(RunningHost host) {
        this.host = host;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param authorization the Authorization header, or null for none
     * @param contentType the body's type, or null for no body
     */
    HttpResponse<String> send(String method, String path, String authorization, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(host.uri(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return host.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> propfind(String path, String authorization) {
        return send("PROPFIND", path, authorization, "application/xml; charset=utf-8", PROPFIND_PRINCIPAL);
    }
}
