package io.metacortex.host.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Answers a {@link HostException} with its status and error body. */
public final class HostExceptionMapper implements ExceptionMapper<HostException> {

    @Override
    public Response toResponse(HostException e) {
        return Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(e.entity())
                .build();
    }
}
