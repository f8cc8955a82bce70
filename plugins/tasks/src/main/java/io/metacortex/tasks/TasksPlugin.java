package io.metacortex.tasks;

import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.support.DatabaseHealthCheck;
import io.metacortex.tasks.api.TaskCompletionListener;
import io.metacortex.tasks.api.TaskDirectory;
import io.metacortex.tasks.internal.CompletionNotifier;
import io.metacortex.tasks.internal.ProjectResource;
import io.metacortex.tasks.internal.ProjectService;
import io.metacortex.tasks.internal.TagResource;
import io.metacortex.tasks.internal.TagService;
import io.metacortex.tasks.internal.TaskDirectoryService;
import io.metacortex.tasks.internal.TaskEvents;
import io.metacortex.tasks.internal.TaskResource;
import io.metacortex.tasks.internal.TaskService;

/**
 * The tasks plugin: the task, project and tag routes under {@code /api/tasks}, backed by the {@code plugin_tasks}
 * schema; offers {@link TaskDirectory} to other plugins and publishes durable events of every change ({@code
 * task.created}, {@code task.updated}, {@code task.completed}, {@code task.deleted}; see {@code TaskEvents}); still
 * tells the deprecated {@code TaskCompletionListener}s about completions. Holds {@code users:read}, to check that a task is delegated to an existing user.
 */
public final class TasksPlugin implements Plugin {

    @Override
    @SuppressWarnings("deprecation") // TaskCompletionListener: still told, for plugins written against tasks 1.2
    public void start(PluginContext context) {
        TaskService tasks = new TaskService(
                context.jdbi(),
                userId -> context.users().find(userId).isPresent(),
                new CompletionNotifier(() -> context.services(TaskCompletionListener.class)),
                new TaskEvents(context.events()));
        context.registerResource(new TaskResource(tasks));
        context.registerResource(new ProjectResource(new ProjectService(context.jdbi())));
        context.registerResource(new TagResource(new TagService(context.jdbi())));
        context.registerResource(new ApiExceptionMapper());
        context.registerHealthCheck("database", new DatabaseHealthCheck(context.jdbi(), "tasks"));
        context.provideService(TaskDirectory.class, new TaskDirectoryService(tasks));
    }
}
