package io.metacortex.host.admin;

import io.metacortex.host.health.PluginHealth;
import io.metacortex.host.metrics.PluginActivity;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** What each plugin is doing: its requests (from the route metrics) and its health checks, for the console. */
@AdminOnly
@Path("/admin/plugin-activity")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginActivityResource {

    private final PluginActivity activity;
    private final PluginHealth health;

    public PluginActivityResource(PluginActivity activity, PluginHealth health) {
        this.activity = activity;
        this.health = health;
    }

    /**
     * @param requests each plugin's requests since it was installed or the host started, by plugin id
     * @param health each plugin's health checks, by plugin id and check name
     */
    public record Activity(
            Map<String, PluginActivity.Activity> requests, Map<String, Map<String, PluginHealth.Check>> health) {}

    @GET
    @Operation(summary = "Each plugin's requests, errors and slowest route, and its health checks")
    public Activity get() {
        return new Activity(activity.byPlugin(), health.byPlugin());
    }
}
