package io.metacortex.finance.internal;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiException;
import java.util.Map;

/** The plugin's API errors, worded once. */
final class FinanceErrors {

    private FinanceErrors() {}

    static ApiException accountNotFound(Object id) {
        return ApiException.notFound("account not found", "you have no account with id " + id);
    }

    static ApiException transactionNotFound(Object id) {
        return ApiException.notFound("transaction not found", "you have no transaction with id " + id);
    }

    static ApiException categoryNotFound(Object id) {
        return ApiException.notFound("category not found", "you have no category with id " + id);
    }

    static ApiException ruleNotFound(Object id) {
        return ApiException.notFound("rule not found", "you have no rule with id " + id);
    }

    static ApiException budgetNotFound(Object id) {
        return ApiException.notFound("budget not found", "you have no budget with id " + id);
    }

    static ApiException conflict(String error, String field, String message) {
        return ApiException.withFields(409, error, Map.of(field, message));
    }

    /** 422 for a statement file that cannot be read, naming where: {@code "line 12: ..."}. */
    static ApiException unreadableFile(String format, String problem) {
        return new ApiException(
                ApiException.UNPROCESSABLE_ENTITY, new ApiError("invalid " + format + " file", problem, null));
    }
}
