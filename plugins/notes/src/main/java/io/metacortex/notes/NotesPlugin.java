package io.metacortex.notes;

import io.metacortex.notes.internal.NoteResource;
import io.metacortex.notes.internal.NoteService;
import io.metacortex.notes.internal.TasksPluginLookup;
import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.support.DatabaseHealthCheck;

/**
 * The notes plugin: markdown notes with wiki links, full-text search and version history under {@code /api/notes},
 * backed by the {@code plugin_notes} schema. Links to tasks are shown through the tasks plugin when it is active,
 * and degrade to {@code UNAVAILABLE} without it.
 */
public final class NotesPlugin implements Plugin {

    @Override
    public void start(PluginContext context) {
        context.registerResource(new NoteResource(new NoteService(context.jdbi(), new TasksPluginLookup(context))));
        context.registerResource(new ApiExceptionMapper());
        context.registerHealthCheck("database", new DatabaseHealthCheck(context.jdbi(), "notes"));
    }
}
