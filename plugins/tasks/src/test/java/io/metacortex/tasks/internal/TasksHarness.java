package io.metacortex.tasks.internal;

import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestUsers;
import java.util.List;

/** The task service as the plugin builds it, on a test class's database: the users of {@link TestUsers} exist. */
final class TasksHarness {

    private TasksHarness() {}

    /** A service that may delegate to the test users and tells no one of completions. */
    static TaskService service(PluginDatabaseExtension db) {
        return new TaskService(db.jdbi(), TestUsers.EXISTING::contains, CompletionNotifier.NONE);
    }

    /** A service that may delegate to the test users and tells {@code listener} of every completion. */
    static TaskService service(PluginDatabaseExtension db, RecordingListener listener) {
        return new TaskService(
                db.jdbi(), TestUsers.EXISTING::contains, new CompletionNotifier(() -> List.of(listener)));
    }
}
