package io.metacortex.host.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI document of the host's own API and of every active plugin. Plugins' parts are put and withdrawn as
 * their versions are activated and deactivated; the JSON is rendered once after each change, not per request.
 */
public final class ApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode host;
    private final Map<String, PluginApi> plugins = new TreeMap<>();
    private byte[] rendered;

    private ApiDocument(ObjectNode host) {
        this.host = host;
    }

    /**
     * @param hostResources the host's JAX-RS resources to document (the admin API)
     * @param version the host's version, for {@code info.version}
     */
    public static ApiDocument describing(String version, Class<?>... hostResources) {
        OpenAPI base = new OpenAPI().info(new Info()
                .title("MetaCortex")
                .version(version)
                .description("The host's admin API and the routes of every active plugin, each under"
                        + " /api/<plugin-id>. Errors are {\"error\", \"detail\", \"fields\"}."));
        ObjectNode host = JaxrsReader.read(base, List.of(hostResources));
        ErrorResponses.addToOperations(host.withObjectProperty("paths"));
        ErrorResponses.addComponents(host);
        return new ApiDocument(host);
    }

    /** Documents {@code api}'s plugin, replacing the part of the version it had before. */
    public synchronized void put(PluginApi api) {
        plugins.put(api.pluginId(), api);
        rendered = null;
    }

    /** Leaves the plugin out of the document. */
    public synchronized void remove(String pluginId) {
        if (plugins.remove(pluginId) != null) {
            rendered = null;
        }
    }

    /** @return the document as JSON */
    public synchronized byte[] json() {
        if (rendered == null) {
            rendered = render();
        }
        return rendered;
    }

    private byte[] render() {
        ObjectNode document = host.deepCopy();
        ObjectNode paths = document.withObjectProperty("paths");
        ObjectNode schemas = document.withObjectProperty("components").withObjectProperty("schemas");
        var tags = document.withArrayProperty("tags");
        for (PluginApi api : plugins.values()) {
            paths.setAll(api.paths());
            schemas.setAll(api.schemas());
            tags.add(api.tag());
        }
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
