package io.metacortex.host.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.base.Suppliers;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAPI document of the host's own API and of every active plugin. Plugins' parts are put and withdrawn as
 * their versions are activated and deactivated; the JSON is rendered once after each change, not per request, and
 * each part is read from its resources when first rendered (reading is slow; starting and installing should not
 * wait for it).
 */
public final class ApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Logger LOG = LoggerFactory.getLogger(ApiDocument.class);
    /** The tag of the admin API's operations. */
    private static final String ADMIN = "admin";
    /** The host's own route, {@code /api/me}, documented like a plugin's. */
    private static final String ME = "me";

    private final Supplier<ObjectNode> host;
    private final Map<String, Supplier<PluginApi>> plugins = new TreeMap<>();
    private byte[] rendered;

    private ApiDocument(Supplier<ObjectNode> host) {
        this.host = host;
    }

    /**
     * @param version the host's version, for {@code info.version}
     * @param adminResources the admin API's JAX-RS resources, at their own {@code /admin/...} paths
     * @param meResources the host's resources served under {@code /api/me}, documented like a plugin's
     */
    public static ApiDocument describing(String version, List<Class<?>> adminResources, List<Class<?>> meResources) {
        OpenAPI base = new OpenAPI()
                .info(
                        new Info()
                                .title("MetaCortex")
                                .version(version)
                                .description(
                                        "The host's admin API, the caller's own /api/me, and the routes of every active plugin,"
                                                + " each under /api/<plugin-id>. Errors are {\"error\", \"detail\", \"fields\"}."));
        return new ApiDocument(Suppliers.memoize(() -> {
            ObjectNode host = JaxrsReader.read(
                    base, adminResources, new ConventionReader.Conventions("", ADMIN, SecuritySchemes.ADMIN_TOKEN));
            host.withArrayProperty("tags")
                    .addObject()
                    .put("name", ADMIN)
                    .put(
                            "description",
                            "The admin API: plugins,"
                                    + " users and their tokens, the audit trail, the keys of plugins' secrets.");
            PluginApi me = PluginApiReader.readHostRoute(
                    ME, "The caller's profile, personal access tokens and" + " modules.", meResources);
            host.withObjectProperty("paths").setAll(me.paths());
            host.withObjectProperty("components").withObjectProperty("schemas").setAll(me.schemas());
            host.withArrayProperty("tags").add(me.tag());
            ErrorResponses.addToOperations(host.withObjectProperty("paths"));
            ErrorResponses.addComponents(host);
            SecuritySchemes.addComponents(host);
            return host;
        }));
    }

    /** Documents the plugin with {@code api}, replacing the part of the version it had before. */
    public synchronized void put(String pluginId, Supplier<PluginApi> api) {
        plugins.put(pluginId, api);
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
        ObjectNode document = host.get().deepCopy();
        ObjectNode paths = document.withObjectProperty("paths");
        ObjectNode schemas = document.withObjectProperty("components").withObjectProperty("schemas");
        var tags = document.withArrayProperty("tags");
        for (Map.Entry<String, Supplier<PluginApi>> part : plugins.entrySet()) {
            PluginApi api;
            try {
                api = part.getValue().get();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("The API of plugin {} could not be documented: {}", part.getKey(), e.getMessage(), e);
                continue;
            }
            paths.setAll(api.paths().deepCopy());
            schemas.setAll(api.schemas());
            tags.add(api.tag());
        }
        OperationIds.makeUnique(paths);
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
