package io.metacortex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/**
 * An answer of the server that is not a success: a refusal (4xx, exit code 2) or a server error (5xx and anything
 * else, exit code 1), printed as the server's error body says it: {@code error}, {@code detail}, each field's message
 * and whatever else it lists (such as the findings of the code check).
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    /** The error body, or null when the server answered something else than a JSON object. */
    private final transient JsonNode body;

    private ApiError(int status, String error, JsonNode body) {
        super(error);
        this.status = status;
        this.body = body;
    }

    static ApiError of(int status, String raw) {
        JsonNode body = null;
        try {
            JsonNode parsed = raw == null || raw.isBlank() ? null : JSON.readTree(raw);
            body = parsed != null && parsed.isObject() ? parsed : null;
        } catch (IOException notJson) {
            // Not from the API (a proxy's page, say): shown as it is.
        }
        String error = body != null && body.hasNonNull("error")
                ? body.get("error").asText()
                : raw == null || raw.isBlank() ? "no details" : Text.excerpt(raw);
        return new ApiError(status, error, body);
    }

    /** A refusal the CLI makes itself from what the API answered, e.g. an e-mail that names no user. */
    static ApiError refusal(String error, String detail) {
        return new ApiError(
                404, error, JSON.createObjectNode().put("error", error).put("detail", detail));
    }

    int status() {
        return status;
    }

    int exitCode() {
        return status >= 400 && status < 500 ? ExitCodes.REFUSED : ExitCodes.FAILED;
    }

    void printTo(PrintWriter err) {
        String kind = status >= 400 && status < 500 ? "refused" : "server error";
        err.println("metacortex: " + kind + " (" + status + "): " + getMessage());
        if (body == null) {
            return;
        }
        if (body.hasNonNull("detail")) {
            err.println("  " + body.get("detail").asText());
        }
        for (Map.Entry<String, JsonNode> other : body.properties()) {
            switch (other.getKey()) {
                case "error", "detail" -> {}
                case "fields" ->
                    other.getValue()
                            .properties()
                            .forEach(field -> err.println("  " + field.getKey() + ": " + Text.plain(field.getValue())));
                case "findings" ->
                    other.getValue().forEach(finding -> err.println("  finding: " + Text.finding(finding)));
                default -> err.println("  " + other.getKey() + ": " + Text.plain(other.getValue()));
            }
        }
    }
}
