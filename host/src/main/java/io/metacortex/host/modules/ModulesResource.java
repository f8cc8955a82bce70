package io.metacortex.host.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.errors.HostException;
import io.metacortex.host.errors.ValidationException;
import io.metacortex.plugin.api.User;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/me/modules}: the active plugins as the caller's modules, which they turn on or off and configure.
 */
@Path("modules")
@Produces(MediaType.APPLICATION_JSON)
public final class ModulesResource {

    private final UserModules modules;

    public ModulesResource(UserModules modules) {
        this.modules = modules;
    }

    /**
     * The body of {@code PUT /api/me/modules/{id}} as {@code /openapi.json} shows it; the route reads it as JSON to
     * name unknown fields and to check each setting against the module's schema.
     */
    @Schema(description = "What to change; absent fields are left as they are")
    public record ModuleChange(
            @Schema(description = "On or off for the caller; null returns to the plugin's default", nullable = true)
            Boolean enabled,

            @Schema(
                    description = "Setting name to value, merged with earlier choices; null returns a setting to its"
                            + " default")
            Map<String, Object> settings) {}

    @GET
    public List<ModuleView> list(@Context User user) {
        return modules.list(user.id());
    }

    /**
     * Turns the module on or off for the caller ({@code "enabled"}, null returning to the plugin's default) and/or
     * changes settings ({@code "settings"}, merged with earlier choices, null returning a setting to its default).
     * Nothing is stored unless every field is valid.
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ModuleView update(
            @Context User user,
            @PathParam("id") String id,
            @RequestBody(content = @Content(schema = @Schema(implementation = ModuleChange.class))) JsonNode body) {
        ActiveModules.Module module = modules.module(id)
                .orElseThrow(() -> new HostException(
                        Response.Status.NOT_FOUND,
                        "module not found",
                        "No active plugin '" + id + "' is installed; GET /api/me/modules lists your modules."));
        Map<String, String> problems = new TreeMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        if (body == null || !body.isObject()) {
            throw new ValidationException(
                    Map.of("body", "must be a JSON object with \"enabled\" and/or" + " \"settings\""));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("enabled") && !name.equals("settings")) {
                problems.put(name, "unknown field; send \"enabled\" and/or \"settings\"");
            }
        }
        JsonNode enabled = body.get("enabled");
        if (enabled != null && !enabled.isBoolean() && !enabled.isNull()) {
            problems.put("enabled", "must be true or false (or null for the default)");
        }
        JsonNode changes = body.get("settings");
        if (changes != null) {
            if (changes.isObject()) {
                problems.putAll(module.schema().check(changes, "settings.", settings));
            } else {
                problems.put("settings", "must be an object of setting name to value");
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        modules.update(
                user.id(),
                module.id(),
                enabled != null,
                enabled == null || enabled.isNull() ? null : enabled.booleanValue(),
                settings);
        return modules.view(module, user.id());
    }
}
