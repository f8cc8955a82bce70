package io.metacortex.host.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;
import java.util.Set;

/**
 * The host's error shape ({@link io.metacortex.host.errors.ErrorBody}) as a component schema, and the {@code 4XX}
 * and {@code 5XX} responses every operation of the host and of a plugin may answer with it.
 */
final class ErrorResponses {

    static final String SCHEMA = "ErrorBody";
    static final String CLIENT_ERROR = "ClientError";
    static final String SERVER_ERROR = "ServerError";

    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private ErrorResponses() {}

    /** Adds the schema and the two shared responses to a document's {@code components}. */
    static void addComponents(ObjectNode document) {
        ObjectNode components = document.withObjectProperty("components");
        components.withObjectProperty("schemas").set(SCHEMA, Json.mapper().valueToTree(schema()));
        ObjectNode responses = components.withObjectProperty("responses");
        responses.set(
                CLIENT_ERROR,
                response(
                        "The request was refused: 'error' says what, 'detail' what to do"
                                + " about it and, for invalid input, 'fields' names each offending field. Nothing was changed."));
        responses.set(
                SERVER_ERROR,
                response("An unexpected failure; 'detail' names the id under which it was"
                        + " logged. Nothing else is affected."));
    }

    /** Adds {@code 4XX} and {@code 5XX} to each operation of {@code paths} that does not describe them itself. */
    static void addToOperations(ObjectNode paths) {
        for (JsonNode pathItem : paths) {
            pathItem.properties().forEach(entry -> {
                if (METHODS.contains(entry.getKey()) && entry.getValue() instanceof ObjectNode operation) {
                    ObjectNode responses = operation.withObjectProperty("responses");
                    addUnlessRangeDescribed(responses, "4", CLIENT_ERROR);
                    addUnlessRangeDescribed(responses, "5", SERVER_ERROR);
                }
            });
        }
    }

    private static void addUnlessRangeDescribed(ObjectNode responses, String digit, String component) {
        boolean described = false;
        for (String code : (Iterable<String>) responses::fieldNames) {
            described |= code.startsWith(digit);
        }
        if (!described) {
            responses.putObject(digit + "XX").put("$ref", "#/components/responses/" + component);
        }
    }

    private static Schema<?> schema() {
        ObjectSchema schema = new ObjectSchema();
        schema.setDescription("The body of every error response.");
        schema.addProperty(
                "error",
                new StringSchema()
                        .description("What went wrong, in a few words.")
                        .example("validation failed"));
        schema.addProperty("detail", new StringSchema().description("Why, and what to do about it."));
        schema.addProperty(
                "fields",
                new MapSchema()
                        .additionalProperties(new StringSchema())
                        .description("For invalid input: the message for each offending field."));
        schema.setRequired(List.of("error", "detail"));
        return schema;
    }

    private static ObjectNode response(String description) {
        ApiResponse response = new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))));
        return Json.mapper().valueToTree(response);
    }
}
