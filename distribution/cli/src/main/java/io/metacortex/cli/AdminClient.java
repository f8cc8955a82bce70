package io.metacortex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin REST API of one server, as its bearer token's holder: each call answers the server's JSON for a 2xx, and
 * throws {@link ApiError} for any other answer and {@link CliFailure} when the server cannot be reached.
 */
final class AdminClient {

    static final String JAR = "application/java-archive";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final String token;
    private final HttpClient http;

    AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** An answer of the server: its status, and its body (empty for 204). */
    record Answer(int status, String body) {

        JsonNode json() {
            return parse(body);
        }
    }

    Answer get(String path) {
        return send(path, "GET", HttpRequest.BodyPublishers.noBody(), null);
    }

    Answer postJson(String path, JsonNode body) {
        return send(path, "POST", HttpRequest.BodyPublishers.ofString(body.toString()), "application/json");
    }

    Answer jar(String method, String path, byte[] jar) {
        return send(path, method, HttpRequest.BodyPublishers.ofByteArray(jar), JAR);
    }

    Answer call(String method, String path) {
        return send(path, method, HttpRequest.BodyPublishers.noBody(), null);
    }

    private Answer send(String path, String method, HttpRequest.BodyPublisher body, String contentType) {
        URI uri = base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw unreachable(e.getMessage() == null ? "connection refused" : e.getMessage());
        } catch (IOException e) {
            throw new CliFailure(method + " " + uri.getPath() + " failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("Interrupted while waiting for the server.");
        }
        if (response.statusCode() >= 300) {
            throw ApiError.of(response.statusCode(), response.body());
        }
        return new Answer(response.statusCode(), response.body());
    }

    private CliFailure unreachable(String why) {
        return new CliFailure("Cannot reach the server at " + base + " (" + why
                + "). Is it running? Point --url or METACORTEX_URL at its application port.");
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new CliFailure("The server answered something that is not JSON: " + Text.excerpt(body));
        }
    }

    static ObjectMapper json() {
        return JSON;
    }

    /**
     * @param namesAndValues name, value, name, value...: a null or false value is left out, each element of a list
     *     is a parameter of its own
     * @return {@code path} with the parameters appended, their values URL-encoded
     */
    static String withQuery(String path, Object... namesAndValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            List<?> values = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
            for (Object one : values) {
                if (!Boolean.FALSE.equals(one)) {
                    pairs.add(name + "=" + encode(String.valueOf(one)));
                }
            }
        }
        return pairs.isEmpty() ? path : path + "?" + String.join("&", pairs);
    }

    /** @return {@code value} as one path segment */
    static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
