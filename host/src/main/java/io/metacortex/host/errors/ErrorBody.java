package io.metacortex.host.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The JSON body of every error the host returns: a short {@code error}, a {@code detail} saying what to do about it,
 * and for validation failures the message of each offending {@code field}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(String error, String detail, Map<String, String> fields) implements ErrorAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ErrorBody(String error, String detail) {
        this(error, detail, Map.of());
    }

    /** Answers a request with this body and {@code status}, for the servlet filters that answer outside Jersey. */
    public void writeTo(HttpServletResponse response, int status) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        JSON.writeValue(response.getOutputStream(), this);
    }
}
