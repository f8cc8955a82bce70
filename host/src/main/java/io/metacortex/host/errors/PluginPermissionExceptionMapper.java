package io.metacortex.host.errors;

import io.metacortex.plugin.api.PluginPermissionException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Answers a plugin's use of a capability it was not granted (an undeclared permission, or an undeclared host for
 * outbound HTTP) with {@code 500 {"error": "permission denied", "detail": ...}}. It is a 500, not a 403: the
 * plugin is at fault, not the caller, and no credential of the caller's would change the answer. The host logged
 * it where it refused the call.
 */
public final class PluginPermissionExceptionMapper implements ExceptionMapper<PluginPermissionException> {

    @Override
    public Response toResponse(PluginPermissionException e) {
        return Response.serverError()
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(
                        "permission denied",
                        e.getMessage() == null ? "The plugin used a capability it was not granted." : e.getMessage()))
                .build();
    }
}
