package io.metacortex.host.errors;

import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers bean-validation failures of a resource's parameters with 422 and one message per field, the field named
 * by its path inside the request body as {@link FieldPaths} writes it ({@code title}, {@code tags[2]}).
 */
public final class ViolationExceptionMapper implements ExceptionMapper<JerseyViolationException> {

    @Override
    public Response toResponse(JerseyViolationException e) {
        Map<String, String> fields = new TreeMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            fields.merge(fieldOf(violation), violation.getMessage(), (a, b) -> a + "; " + b);
        }
        return Response.status(422)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ValidationException(fields).body())
                .build();
    }

    static String fieldOf(ConstraintViolation<?> violation) {
        String field = FieldPaths.of(violation.getPropertyPath());
        return field.isEmpty() ? "body" : field;
    }
}
