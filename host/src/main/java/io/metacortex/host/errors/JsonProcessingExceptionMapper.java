package io.metacortex.host.errors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;

/**
 * Answers a request body Jackson could not read. A value of the wrong JSON type for its field (with the mappers'
 * {@code PluginJson} rules) is a 422 naming the field by its path and saying in plain words what it must be, e.g.
 * {@code {"fields": {"tags[1]": "must be a string"}}}; a body that is not JSON, or is over a JSON limit such as the
 * nesting depth, is a 400 "malformed request body". Neither names Java types or quotes Jackson. A resource type
 * Jackson cannot build at all is the server's fault, answered as an unexpected error.
 */
public final class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    private final UnexpectedExceptionMapper serverErrors;

    /** @param serverErrors answers (and logs) what is the server's fault rather than the request's */
    public JsonProcessingExceptionMapper(UnexpectedExceptionMapper serverErrors) {
        this.serverErrors = serverErrors;
    }

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof InvalidDefinitionException) {
            return serverErrors.toResponse(e);
        }
        StreamConstraintsException limit = cause(e, StreamConstraintsException.class);
        if (limit != null) {
            return malformed("The request body is over a limit on JSON: " + limitOf(limit) + ".");
        }
        InputCoercionException outOfRange = cause(e, InputCoercionException.class);
        if (outOfRange != null) {
            return invalid(e, ExpectedValues.outOfRange(outOfRange.getTargetType()));
        }
        StreamReadException syntax = cause(e, StreamReadException.class);
        if (syntax != null || !(e instanceof JsonMappingException mapping)) {
            return malformed("The request body is not valid JSON"
                    + at(syntax != null ? syntax.getLocation() : e.getLocation()) + ".");
        }
        if (mapping instanceof PropertyBindingException) {
            return invalid(e, "is not a field this request accepts");
        }
        if (mapping instanceof MismatchedInputException mismatch) {
            return invalid(e, ExpectedValues.of(mismatch.getTargetType()));
        }
        return invalid(e, "is not valid");
    }

    private static Response invalid(JsonProcessingException e, String message) {
        String field = e instanceof JsonMappingException mapping ? FieldPaths.of(mapping.getPath()) : "";
        return Response.status(422)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ValidationException(Map.of(field.isEmpty() ? "body" : field, message)).body())
                .build();
    }

    private static Response malformed(String detail) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("malformed request body", detail))
                .build();
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** Jackson's StreamReadConstraints, which say what they limit only in their message. */
    private static String limitOf(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "objects and arrays nest too deeply (nesting depth)";
        }
        if (message.startsWith("Number value length")) {
            return "a number has too many digits";
        }
        if (message.startsWith("String value length")) {
            return "a string is too long";
        }
        if (message.startsWith("Name length")) {
            return "a field name is too long";
        }
        return "it is too large";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1
                ? ""
                : " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
