package io.metacortex.host.identity;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The body of a token creation: a name, an optional expiry and optional scopes (default: all the user may have). */
public record TokenRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = TokenIssuer.MAX_NAME)
        String name,

        @Schema(description = "Never expires when absent") Instant expiresAt,

        @ArraySchema(
                schema = @Schema(allowableValues = {"api:read", "api:write", "admin"}),
                arraySchema = @Schema(description = "Every scope the user may hold when absent"))
        List<String> scopes) {}
