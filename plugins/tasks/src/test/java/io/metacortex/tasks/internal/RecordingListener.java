package io.metacortex.tasks.internal;

import io.metacortex.tasks.api.TaskCompletionListener;
import io.metacortex.tasks.api.TaskSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A completion listener as another plugin would offer one, remembering what it heard. */
final class RecordingListener implements TaskCompletionListener {

    record Heard(UUID userId, TaskSummary task) {
    }

    final List<Heard> heard = new ArrayList<>();

    @Override
    public void taskCompleted(UUID userId, TaskSummary task) {
        heard.add(new Heard(userId, task));
    }

    List<Long> ids() {
        return heard.stream().map(h -> h.task().id()).toList();
    }
}
