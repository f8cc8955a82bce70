package io.metacortex.notes.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Collects one message per invalid field, so a client learns about all of them at once. */
final class FieldErrors {

    private final Map<String, String> messages = new LinkedHashMap<>();

    void add(String field, String message) {
        messages.putIfAbsent(field, message);
    }

    /** Throws the exception built from the collected messages, if there are any. */
    void throwIfAny(Function<Map<String, String>, ApiException> exception) {
        if (!messages.isEmpty()) {
            throw exception.apply(Collections.unmodifiableMap(new LinkedHashMap<>(messages)));
        }
    }
}
