package io.metacortex.finance.internal.plaid;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Plaid's error object, as its API documents it: {@code error_type} (e.g. {@code ITEM_ERROR}), {@code error_code}
 * (e.g. {@code ITEM_LOGIN_REQUIRED}), {@code error_message} (for developers), {@code display_message} (for the user,
 * may be null) and {@code request_id}; plus the HTTP status it came with.
 */
public record PlaidError(
        int status, String errorType, String errorCode, String errorMessage, String displayMessage, String requestId) {

    static final String ITEM_LOGIN_REQUIRED = "ITEM_LOGIN_REQUIRED";
    static final String INVALID_PUBLIC_TOKEN = "INVALID_PUBLIC_TOKEN";
    static final String MUTATION_DURING_PAGINATION = "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION";
    static final String ITEM_NOT_FOUND = "ITEM_NOT_FOUND";
    static final String INVALID_ACCESS_TOKEN = "INVALID_ACCESS_TOKEN";
    static final String RATE_LIMIT_EXCEEDED = "RATE_LIMIT_EXCEEDED";

    /** @return the error of a non-200 answer; one that is not Plaid's shape is an {@code API_ERROR} of its status */
    static PlaidError of(int status, JsonNode body) {
        if (body == null || !body.isObject() || !body.hasNonNull("error_code")) {
            return new PlaidError(
                    status,
                    "API_ERROR",
                    status >= 500 ? "INTERNAL_SERVER_ERROR" : "UNEXPECTED_RESPONSE",
                    null,
                    null,
                    null);
        }
        return new PlaidError(
                status,
                text(body, "error_type"),
                text(body, "error_code"),
                text(body, "error_message"),
                text(body, "display_message"),
                text(body, "request_id"));
    }

    /** @return whether this is {@code code} */
    boolean is(String code) {
        return code.equals(errorCode);
    }

    /** @return whether trying again later may succeed: Plaid's own failures and rate limits */
    boolean transientFailure() {
        return status >= 500
                || status == 429
                || "API_ERROR".equals(errorType)
                || "RATE_LIMIT_EXCEEDED".equals(errorType)
                || "INSTITUTION_ERROR".equals(errorType);
    }

    /** @return a line for the log: type, code and request id, never a token */
    String summary() {
        return status + " " + errorType + "/" + errorCode + " (request_id " + requestId + ")";
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
