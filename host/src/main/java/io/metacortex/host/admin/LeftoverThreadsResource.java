package io.metacortex.host.admin;

import io.metacortex.host.errors.HostException;
import io.metacortex.host.threads.LeftoverThreads;
import io.metacortex.host.threads.LeftoverThreads.LeftoverThread;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The threads that stopped plugin versions (disabled, upgraded, rolled back, uninstalled) left running: each with its
 * plugin, version, state and stack, while it lives.
 */
@AdminOnly
@Path("/admin/leftover-threads")
@Produces(MediaType.APPLICATION_JSON)
public final class LeftoverThreadsResource {

    private static final Pattern PLUGIN_ID = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    private final LeftoverThreads leftovers;

    public LeftoverThreadsResource(LeftoverThreads leftovers) {
        this.leftovers = leftovers;
    }

    /** The leftover threads, by plugin, version and name. */
    public record Leftovers(List<LeftoverThread> threads) {}

    @GET
    @Operation(summary = "Threads that stopped plugin versions left running, with their stacks")
    public Leftovers list(@Parameter(description = "Only this plugin's threads") @QueryParam("plugin") String plugin) {
        if (plugin != null && !PLUGIN_ID.matcher(plugin).matches()) {
            throw new HostException(
                    400,
                    "invalid plugin id",
                    "plugin must be a plugin id ([a-z][a-z0-9-]{1,31}), e.g. ?plugin=tasks.",
                    null);
        }
        return new Leftovers(leftovers.list().stream()
                .filter(thread -> plugin == null || thread.plugin().equals(plugin))
                .toList());
    }
}
