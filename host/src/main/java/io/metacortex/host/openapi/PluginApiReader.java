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
 * for a plugin that chooses to use them) with the host's {@link ConventionReader conventions} (operation ids
 * {@code <id>....}, success responses, the bearer scheme {@link SecuritySchemes#USER_TOKEN} unless
 * {@code @PublicRoute}, the tag {@code <id>}), then moved under the plugin's base path, its schemas named
 * {@code <id>.<Name>} so that plugins cannot clash, and every operation given the host's error responses.
 */
public final class PluginApiReader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginApiReader.class);
    private static final String SCHEMA_REF = "#/components/schemas/";

    private PluginApiReader() {}

    /**
     * @param components the resources and providers the plugin registered, instances or classes
     * @return the plugin's part of the document; without paths when its resources cannot be read
     */
    public static PluginApi read(
            String pluginId, String name, String version, String description, List<Object> components) {
        try {
            return readOrThrow(pluginId, name, version, description, components);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn(
                    "The API of plugin {} {} could not be documented; it is served but left out of"
                            + " /openapi.json: {}",
                    pluginId,
                    version,
                    e.toString(),
                    e);
            return new PluginApi(
                    pluginId,
                    JsonNodeFactory.instance.objectNode(),
                    JsonNodeFactory.instance.objectNode(),
                    tag(pluginId, name, version, description));
        }
    }

    /**
     * {@link #read}, failing instead of leaving the paths out.
     *
     * @throws RuntimeException or {@link LinkageError} when swagger-core cannot read the resources
     */
    static PluginApi readOrThrow(
            String pluginId, String name, String version, String description, List<Object> components) {
        List<Class<?>> classes = new ArrayList<>();
        for (Object component : components) {
            classes.add(component instanceof Class<?> type ? type : component.getClass());
        }
        ObjectNode read = JaxrsReader.read(new OpenAPI(), classes, conventions(pluginId));
        ObjectNode tag = tag(pluginId, name, version, description);
        String prefix = pluginId + ".";
        renameSchemaRefs(read, prefix);
        ObjectNode schemas = JsonNodeFactory.instance.objectNode();
        read.path("components")
                .path("schemas")
                .properties()
                .forEach(schema -> schemas.set(prefix + schema.getKey(), schema.getValue()));
        return new PluginApi(pluginId, underBasePath(pluginId, read), schemas, tag);
    }

    /**
     * The host's own resources served under {@code /api/<id>} like a plugin's: the same conventions, but their
     * schemas keep their names, as the admin API's do (they are the host's classes, so they cannot clash).
     */
    static PluginApi readHostRoute(String id, String description, List<Class<?>> resources) {
        ObjectNode read = JaxrsReader.read(new OpenAPI(), resources, conventions(id));
        ObjectNode schemas = read.path("components").path("schemas") instanceof ObjectNode found
                ? found
                : JsonNodeFactory.instance.objectNode();
        return new PluginApi(id, underBasePath(id, read), schemas, tag(id, description));
    }

    private static ConventionReader.Conventions conventions(String id) {
        return new ConventionReader.Conventions(id, id, SecuritySchemes.USER_TOKEN);
    }

    private static ObjectNode tag(String id, String name, String version, String description) {
        return tag(id, name + " " + version + (description == null || description.isBlank() ? "" : ": " + description));
    }

    private static ObjectNode tag(String id, String description) {
        return JsonNodeFactory.instance.objectNode().put("name", id).put("description", description);
    }

    /** @return the paths of {@code read} moved under {@code /api/<id>}, each operation with the error responses */
    private static ObjectNode underBasePath(String id, ObjectNode read) {
        ObjectNode paths = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> path : read.path("paths").properties()) {
            paths.set(basePath(id, path.getKey()), path.getValue());
        }
        ErrorResponses.addToOperations(paths);
        return paths;
    }

    private static String basePath(String id, String path) {
        String relative = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return PluginRouter.basePath(id) + (relative.isEmpty() || relative.startsWith("/") ? "" : "/") + relative;
    }

    private static void renameSchemaRefs(JsonNode node, String prefix) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMA_REF)) {
                object.set(
                        "$ref", new TextNode(SCHEMA_REF + prefix + ref.asText().substring(SCHEMA_REF.length())));
            }
        }
        for (JsonNode child : node) {
            renameSchemaRefs(child, prefix);
        }
    }
}
