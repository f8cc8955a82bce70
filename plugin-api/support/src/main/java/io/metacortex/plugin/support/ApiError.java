package io.metacortex.plugin.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The error body, in the host's shape: {@code {"error": "...", "detail": "...", "fields": {"title": "..."}}}; null
 * members are left out of the JSON.
 *
 * @param error a short message
 * @param detail a longer explanation, or null
 * @param fields per-field messages keyed by JSON property or query parameter name, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String detail, Map<String, String> fields) {}
