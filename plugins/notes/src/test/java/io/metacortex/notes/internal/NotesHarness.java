package io.metacortex.notes.internal;

import io.metacortex.plugin.testing.PluginDatabaseExtension;

/** The note routes as the plugin builds them, on a test class's database. */
final class NotesHarness {

    private NotesHarness() {}

    /** @param tasks where linked tasks are looked up */
    static NoteResource resource(PluginDatabaseExtension db, TaskLookup tasks) {
        return new NoteResource(new NoteService(db.jdbi(), tasks));
    }
}
