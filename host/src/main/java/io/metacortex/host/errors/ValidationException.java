package io.metacortex.host.errors;

import java.util.Map;

/** A request body with invalid fields: answered 422 with one message per field, and nothing changed. */
public final class ValidationException extends HostException {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> fields;

    public ValidationException(Map<String, String> fields) {
        super(
                422,
                "validation failed",
                fields.size() == 1 ? "One field is invalid." : fields.size() + " fields are invalid.",
                null);
        this.fields = Map.copyOf(fields);
    }

    @Override
    public ErrorBody body() {
        return new ErrorBody("validation failed", getMessage(), new java.util.TreeMap<>(fields));
    }
}
