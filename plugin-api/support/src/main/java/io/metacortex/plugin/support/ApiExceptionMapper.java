package io.metacortex.plugin.support;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers an {@link ApiException} with the response it carries. Being the most specific mapper for it, this keeps a
 * generic {@code WebApplicationException} mapper in the host from rewriting the body. A plugin registers it with its
 * resources ({@code context.registerResource(new ApiExceptionMapper())}).
 */
@Provider
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException exception) {
        return exception.getResponse();
    }
}
