package io.metacortex.host.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The JSON body of every error the host returns: a short {@code error}, a {@code detail} saying what to do about it,
 * and for validation failures the message of each offending {@code field}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(String error, String detail, Map<String, String> fields) {

    public ErrorBody(String error, String detail) {
        this(error, detail, Map.of());
    }
}
