package io.metacortex.host.testing.jarred;

import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.api.User;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** A plugin that tests put into a bundle with PluginJar (metacortex-plugin-testing): one route greeting the caller. */
public final class JarredPlugin implements Plugin {

    @Override
    public void start(PluginContext context) {
        context.registerResource(new Greeting());
    }

    /** GET /api/<id>: {"hello": "<the caller's display name>"}. */
    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Greeting {
        @GET
        public Map<String, String> hello(@Context User user) {
            return Map.of("hello", user.displayName());
        }
    }
}
