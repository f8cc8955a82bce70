package io.metacortex.tasks;

import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.tasks.internal.ApiExceptionMapper;
import io.metacortex.tasks.internal.DatabaseHealthCheck;
import io.metacortex.tasks.internal.TaskResource;
import io.metacortex.tasks.internal.TaskService;

/** The tasks plugin: the task routes under {@code /api/tasks}, backed by the {@code plugin_tasks} schema. */
public final class TasksPlugin implements Plugin {

    @Override
    public void start(PluginContext context) {
        context.registerResource(new TaskResource(new TaskService(context.jdbi())));
        context.registerResource(new ApiExceptionMapper());
        context.registerHealthCheck("database", new DatabaseHealthCheck(context.jdbi()));
    }
}
