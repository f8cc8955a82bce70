package io.metacortex.host.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.openapitools.openapidiff.core.compare.OpenApiDiff;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.Endpoint;

/**
 * The difference between two versions of a plugin's API, compared by openapi-diff: the operations added, removed and
 * changed, and which changes break a client written against the older version. Four kinds are breaking here:
 *
 * <ul>
 *   <li>a removed operation;
 *   <li>a response field removed, or given another type;
 *   <li>a request field (or parameter) that is new and required, or was optional and is now required;
 *   <li>an enum of a request (body field or parameter) that lost values: a client sending one is refused.
 * </ul>
 *
 * <p>A narrowed enum in a response, or a new optional field, does not break a client and is only listed as a change.
 *
 * @param available whether both APIs could be read; when not, {@code detail} says why and nothing else is said
 * @param detail why the APIs could not be compared
 * @param added operations ({@code GET /api/x/items}) the new version has and the old one had not
 * @param removed operations the old version had and the new one has not
 * @param changed operations both have, described differently
 * @param breaking whether any change breaks a client of the old version
 * @param breakingChanges each breaking change, e.g. {@code response field 'quantity' removed: GET /api/x/items (200)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiChanges(
        boolean available,
        String detail,
        List<String> added,
        List<String> removed,
        List<String> changed,
        Boolean breaking,
        List<String> breakingChanges) {

    /** @return the answer when the APIs could not be read or compared, saying why */
    public static ApiChanges unavailable(String detail) {
        return new ApiChanges(false, detail, null, null, null, null, null);
    }

    private static final String OPENAPI = "3.0.1";

    /** @return how {@code to} differs from {@code from}, two parts of the same plugin */
    public static ApiChanges between(PluginApi from, PluginApi to) {
        ChangedOpenApi diff = OpenApiDiff.compare(
                document(from), document(to), OpenApiDiffOptions.builder().build());
        List<String> added =
                diff.getNewEndpoints().stream().map(ApiChanges::label).sorted().toList();
        List<String> removed = diff.getMissingEndpoints().stream()
                .map(ApiChanges::label)
                .sorted()
                .toList();
        Set<String> breaking = new LinkedHashSet<>();
        removed.forEach(operation -> breaking.add("operation removed: " + operation));
        List<String> changed = new ArrayList<>();
        for (ChangedOperation operation : diff.getChangedOperations()) {
            String label = operation.getHttpMethod() + " " + operation.getPathUrl();
            changed.add(label);
            requestChanges(operation, label, breaking);
            responseChanges(operation.getApiResponses(), label, breaking);
        }
        return new ApiChanges(
                true,
                null,
                added,
                removed,
                changed.stream().sorted().toList(),
                !breaking.isEmpty(),
                List.copyOf(breaking));
    }

    /** @return an API of its own, with no operations: what a plugin that is not installed offers */
    public static PluginApi none(String pluginId) {
        return new PluginApi(
                pluginId,
                JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode());
    }

    private static String label(Endpoint endpoint) {
        return endpoint.getMethod() + " " + endpoint.getPathUrl();
    }

    /**
     * The part as a document of its own: its paths, its schemas, and the host's error schema and security schemes
     * they refer to.
     */
    private static OpenAPI document(PluginApi api) {
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("openapi", OPENAPI);
        document.putObject("info").put("title", api.pluginId()).put("version", "");
        document.set("paths", api.paths().deepCopy());
        ErrorResponses.addComponents(document);
        SecuritySchemes.addComponents(document);
        document.withObjectProperty("components")
                .withObjectProperty("schemas")
                .setAll(api.schemas().deepCopy());
        try {
            return Json.mapper().treeToValue(document, OpenAPI.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The API document of " + api.pluginId() + " cannot be read back", e);
        }
    }

    private static void requestChanges(ChangedOperation operation, String label, Set<String> breaking) {
        ChangedParameters parameters = operation.getParameters();
        if (parameters != null) {
            for (Parameter added : parameters.getIncreased()) {
                if (Boolean.TRUE.equals(added.getRequired())) {
                    breaking.add("required " + added.getIn() + " parameter '" + added.getName() + "' added: " + label);
                }
            }
            for (ChangedParameter parameter : parameters.getChanged()) {
                String name = parameter.getIn() + " parameter '" + parameter.getName() + "'";
                if (parameter.isChangeRequired()
                        && Boolean.TRUE.equals(parameter.getNewParameter().getRequired())) {
                    breaking.add(name + " now required: " + label);
                }
                if (parameter.getSchema() != null) {
                    requestSchema(parameter.getSchema(), name, label, breaking);
                }
            }
        }
        if (operation.getRequestBody() != null) {
            RequestBody newBody = operation.getRequestBody().getNewRequestBody();
            if (operation.getRequestBody().isChangeRequired()
                    && newBody != null
                    && Boolean.TRUE.equals(newBody.getRequired())) {
                breaking.add("request body now required: " + label);
            }
            for (ChangedSchema schema : schemas(operation.getRequestBody().getContent())) {
                requestSchema(schema, "request field", label, breaking);
            }
        }
    }

    /** New required fields and narrowed enums of a request's schema, its properties' and its items', by path. */
    private static void requestSchema(ChangedSchema schema, String where, String label, Set<String> breaking) {
        if (schema.getRequired() != null) {
            for (String field : schema.getRequired().getIncreased()) {
                boolean isNew = schema.getIncreasedProperties().containsKey(field);
                breaking.add(
                        where + " '" + field + "' " + (isNew ? "added as required" : "now required") + ": " + label);
            }
        }
        if (schema.getEnumeration() != null
                && !schema.getEnumeration().getMissing().isEmpty()) {
            breaking.add(where + " enum narrowed ("
                    + values(schema.getEnumeration().getMissing()) + " no longer" + " accepted): " + label);
        }
        for (Map.Entry<String, ChangedSchema> property :
                schema.getChangedProperties().entrySet()) {
            requestSchema(property.getValue(), field(where, property.getKey()), label, breaking);
        }
        if (schema.getItems() != null) {
            requestSchema(schema.getItems(), where, label, breaking);
        }
    }

    private static void responseChanges(ChangedApiResponse responses, String label, Set<String> breaking) {
        if (responses == null) {
            return;
        }
        for (Map.Entry<String, ChangedResponse> response :
                responses.getChanged().entrySet()) {
            for (ChangedSchema schema : schemas(response.getValue().getContent())) {
                responseSchema(schema, "response field", label + " (" + response.getKey() + ")", breaking);
            }
        }
    }

    /** Removed and retyped fields of a response's schema, its properties' and its items', by path. */
    private static void responseSchema(ChangedSchema schema, String where, String label, Set<String> breaking) {
        for (String field : new TreeSet<>(schema.getMissingProperties().keySet())) {
            breaking.add(field(where, field) + " removed: " + label);
        }
        if (schema.isChangedType()) {
            breaking.add(where + " retyped from " + type(schema.getOldSchema()) + " to " + type(schema.getNewSchema())
                    + ": " + label);
        }
        for (Map.Entry<String, ChangedSchema> property :
                schema.getChangedProperties().entrySet()) {
            responseSchema(property.getValue(), field(where, property.getKey()), label, breaking);
        }
        if (schema.getItems() != null) {
            responseSchema(schema.getItems(), where, label, breaking);
        }
    }

    private static String field(String where, String name) {
        // "response field" + "items" -> "response field 'items'"; nested: "response field 'a.b'".
        int quote = where.indexOf('\'');
        if (quote < 0) {
            return where + " '" + name + "'";
        }
        return where.substring(0, where.length() - 1) + "." + name + "'";
    }

    private static List<ChangedSchema> schemas(ChangedContent content) {
        if (content == null) {
            return List.of();
        }
        return content.getChanged().values().stream()
                .map(ChangedMediaType::getSchema)
                .filter(Objects::nonNull)
                .toList();
    }

    private static String type(io.swagger.v3.oas.models.media.Schema<?> schema) {
        if (schema == null) {
            return "nothing";
        }
        String type = schema.getType() != null ? schema.getType() : schema.get$ref();
        return type == null
                ? "an untyped schema"
                : schema.getFormat() == null ? type : type + " (" + schema.getFormat() + ")";
    }

    private static String values(List<?> values) {
        return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    }
}
