package io.metacortex.host.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Keeps a response a resource built itself (with an entity); otherwise answers with the exception's status and an
 * {@link ErrorBody}: 404 for unknown paths, 405, 415 and the like.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        Response.StatusType status = response.getStatusInfo();
        String detail = e.getMessage() == null ? status.getReasonPhrase() : e.getMessage();
        return Response.fromResponse(response)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT), detail))
                .build();
    }
}
