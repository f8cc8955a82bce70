package io.metacortex.host.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.metacortex.host.routing.PluginRouter;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Describes one plugin version's JAX-RS resources: read by swagger-core (which also honours swagger annotations,
 * for a plugin that chooses to use them), then moved under the plugin's base path, tagged with the plugin id, its
 * schemas named {@code <id>.<Name>} so that plugins cannot clash, and every operation given the host's error
 * responses.
 */
public final class PluginApiReader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginApiReader.class);
    private static final String SCHEMA_REF = "#/components/schemas/";

    private PluginApiReader() {
    }

    /**
     * @param components the resources and providers the plugin registered, instances or classes
     * @return the plugin's part of the document; without paths when its resources cannot be read
     */
    public static PluginApi read(String pluginId, String name, String version, String description,
            List<Object> components) {
        ObjectNode tag = JsonNodeFactory.instance.objectNode()
                .put("name", pluginId)
                .put("description", name + " " + version + (description == null || description.isBlank()
                        ? "" : ": " + description));
        List<Class<?>> classes = new ArrayList<>();
        for (Object component : components) {
            classes.add(component instanceof Class<?> type ? type : component.getClass());
        }
        ObjectNode read;
        try {
            read = JaxrsReader.read(new OpenAPI(), classes);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("The API of plugin {} {} could not be documented; it is served but left out of"
                    + " /openapi.json: {}", pluginId, version, e.toString(), e);
            return new PluginApi(pluginId, JsonNodeFactory.instance.objectNode(),
                    JsonNodeFactory.instance.objectNode(), tag);
        }
        String prefix = pluginId + ".";
        renameSchemaRefs(read, prefix);
        ObjectNode schemas = JsonNodeFactory.instance.objectNode();
        read.path("components").path("schemas").properties()
                .forEach(schema -> schemas.set(prefix + schema.getKey(), schema.getValue()));
        ObjectNode paths = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> path : read.path("paths").properties()) {
            paths.set(basePath(pluginId, path.getKey()), tagOperations((ObjectNode) path.getValue(), pluginId));
        }
        ErrorResponses.addToOperations(paths);
        return new PluginApi(pluginId, paths, schemas, tag);
    }

    private static String basePath(String pluginId, String path) {
        String relative = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return PluginRouter.basePath(pluginId) + (relative.isEmpty() || relative.startsWith("/") ? "" : "/")
                + relative;
    }

    /** Tags each operation with the plugin id alone, and makes its operation id unique across plugins. */
    private static ObjectNode tagOperations(ObjectNode pathItem, String pluginId) {
        for (JsonNode node : pathItem) {
            if (node instanceof ObjectNode operation && operation.has("responses")) {
                operation.putArray("tags").add(pluginId);
                if (operation.hasNonNull("operationId")) {
                    operation.put("operationId", pluginId + "." + operation.get("operationId").asText());
                }
            }
        }
        return pathItem;
    }

    private static void renameSchemaRefs(JsonNode node, String prefix) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMA_REF)) {
                object.set("$ref", new TextNode(SCHEMA_REF + prefix + ref.asText().substring(SCHEMA_REF.length())));
            }
        }
        for (JsonNode child : node) {
            renameSchemaRefs(child, prefix);
        }
    }
}
