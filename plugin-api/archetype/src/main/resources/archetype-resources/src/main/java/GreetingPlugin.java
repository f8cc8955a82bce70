package ${package};

import ${package}.internal.GreetingResource;
import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.support.DatabaseHealthCheck;

/**
 * The plugin's entry class (MetaCortex-Plugin-Class in pom.xml): the host creates it with its public no-argument
 * constructor after applying the migrations in src/main/resources/db/migration to the schema plugin_${pluginId}, then
 * calls {@link #start}. Its routes are served under /api/${pluginId}.
 */
public final class GreetingPlugin implements Plugin {

    @Override
    public void start(PluginContext context) {
        context.registerResource(new GreetingResource(context.jdbi()));
        // Answers an ApiException with the host's error JSON: {"error": "...", "detail": "..."}.
        context.registerResource(new ApiExceptionMapper());
        context.registerHealthCheck("database", new DatabaseHealthCheck(context.jdbi(), "greetings"));
    }
}
