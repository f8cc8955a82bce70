package io.metacortex.plugin.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Collects one message per invalid field, so a client learns about all of them at once: validate everything, then
 * {@code errors.throwIfAny(ApiException::invalidBody)}. Not thread-safe; one per request.
 */
public final class FieldErrors {

    private final Map<String, String> messages = new LinkedHashMap<>();

    /** Records the message for {@code field}, unless the field already has one (the first one found stays). */
    public void add(String field, String message) {
        messages.putIfAbsent(field, message);
    }

    /**
     * Throws the exception built from the collected messages (in the order the fields were first added), if there
     * are any.
     */
    public void throwIfAny(Function<Map<String, String>, ApiException> exception) {
        if (!messages.isEmpty()) {
            throw exception.apply(Collections.unmodifiableMap(new LinkedHashMap<>(messages)));
        }
    }
}
