package io.metacortex.finance.internal.plaid;

import io.metacortex.plugin.api.RetriesExhaustedException;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiException;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plaid's errors as the API's: what the user can act on keeps Plaid's {@code display_message}; what is Plaid's or our
 * fault says so, with Plaid's {@code request_id} for support. Never a token, never Plaid's developer message.
 */
final class PlaidErrors {

    private static final Logger LOG = LoggerFactory.getLogger(PlaidErrors.class);

    private PlaidErrors() {}

    /** 409 for an item whose bank login must be renewed. */
    static ApiException loginRequired(String displayMessage) {
        return new ApiException(
                409,
                new ApiError(
                        "bank login required",
                        displayMessage != null
                                ? displayMessage
                                : "The bank needs you to log in again: reconnect this item through Plaid Link.",
                        null));
    }

    static ApiException notConfigured() {
        return new ApiException(
                503,
                new ApiError(
                        "Plaid is not configured",
                        "The administrator has not set plugins.settings.finance plaid.clientId and plaid.secret.",
                        null));
    }

    static ApiException itemNotFound(String id) {
        return ApiException.notFound("item not found", "no Plaid item with id " + shortened(id));
    }

    /** The API error for a Plaid error answer. */
    static ApiException of(PlaidApiException exception) {
        PlaidError error = exception.error();
        LOG.warn("Plaid error: {}", exception.getMessage());
        if (error.is(PlaidError.ITEM_LOGIN_REQUIRED)) {
            return loginRequired(error.displayMessage());
        }
        if (error.is(PlaidError.INVALID_PUBLIC_TOKEN)) {
            return ApiException.withFields(
                    ApiException.UNPROCESSABLE_ENTITY,
                    "validation failed",
                    Map.of(
                            "publicToken",
                            "is not a valid Plaid public token (it may have expired: they last 30"
                                    + " minutes and work once)"));
        }
        if (error.status() == 429 || "RATE_LIMIT_EXCEEDED".equals(error.errorType())) {
            return new ApiException(
                    503, new ApiError("Plaid is busy", "Plaid's rate limit was reached; try again in a minute.", null));
        }
        String detail = (error.displayMessage() != null ? error.displayMessage() + " " : "") + "(Plaid "
                + error.errorType() + " " + error.errorCode() + ", request " + error.requestId() + ")";
        if (error.transientFailure()) {
            return new ApiException(503, new ApiError("Plaid is unavailable", detail, null));
        }
        return new ApiException(502, new ApiError("Plaid refused the request", detail, null));
    }

    /** The API error when Plaid could not be reached or kept failing. */
    static ApiException of(IOException exception) {
        LOG.warn("Plaid could not be reached: {}", exception.getMessage());
        String detail = exception instanceof RetriesExhaustedException retries
                        && retries.lastStatus().orElse(0) == 429
                ? "Plaid's rate limit was reached; try again in a minute."
                : "Plaid could not be reached; try again later.";
        return new ApiException(503, new ApiError("Plaid is unavailable", detail, null));
    }

    static String shortened(String id) {
        return id.length() > 40 ? id.substring(0, 40) + "..." : id;
    }
}
