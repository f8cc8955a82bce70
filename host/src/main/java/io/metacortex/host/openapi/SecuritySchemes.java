package io.metacortex.host.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The two bearer schemes of the document. Both are {@code Authorization: Bearer <token>}; they differ in which
 * tokens they take, so Swagger UI asks for each once: {@link #ADMIN_TOKEN} on every {@code /admin} operation,
 * {@link #USER_TOKEN} on every {@code /api} operation that is not {@code @PublicRoute}. {@link #USER_BASIC}, HTTP
 * Basic with the user's e-mail and a personal access token, is the alternative on {@code @BasicAuthRoute} operations.
 */
final class SecuritySchemes {

    static final String ADMIN_TOKEN = "adminToken";
    static final String USER_TOKEN = "userToken";
    static final String USER_BASIC = "userBasic";

    private SecuritySchemes() {}

    /** Adds both schemes to a document's {@code components}. */
    static void addComponents(ObjectNode document) {
        ObjectNode schemes = document.withObjectProperty("components").withObjectProperty("securitySchemes");
        schemes.set(
                ADMIN_TOKEN,
                bearer("For /admin: the bootstrap admin token (admin.token, METACORTEX_ADMIN_TOKEN"
                        + " or the generated data/admin-token), or an admin user's JWT or personal access token with the"
                        + " scope admin."));
        schemes.set(
                USER_TOKEN,
                bearer(
                        "For /api: a JWT from the configured OpenID Connect provider, or a personal"
                                + " access token (mct_...) with the scope api:read for GET and api:write for the other methods."));
        schemes.set(
                USER_BASIC,
                Json.mapper()
                        .valueToTree(
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description(
                                                "On the routes of a plugin that accept HTTP Basic (its DAV routes): the"
                                                        + " user's e-mail address as user name, a personal access token as password.")));
    }

    private static ObjectNode bearer(String description) {
        return Json.mapper()
                .valueToTree(new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(description));
    }
}
