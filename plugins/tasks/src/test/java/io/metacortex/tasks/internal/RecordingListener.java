package io.metacortex.tasks.internal;

import io.metacortex.tasks.api.TaskCompletionListener;
import io.metacortex.tasks.api.TaskSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A completion listener as another plugin would offer one, remembering what it heard. Registered as an extension
 * ({@code @RegisterExtension}) it forgets what it heard before each test.
 */
@SuppressWarnings("deprecation") // the listener tasks 1.2 promised is still told
final class RecordingListener implements TaskCompletionListener, BeforeEachCallback {

    record Heard(UUID userId, TaskSummary task) {}

    final List<Heard> heard = new ArrayList<>();

    @Override
    public void taskCompleted(UUID userId, TaskSummary task) {
        heard.add(new Heard(userId, task));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        heard.clear();
    }

    List<Long> ids() {
        return heard.stream().map(h -> h.task().id()).toList();
    }
}
