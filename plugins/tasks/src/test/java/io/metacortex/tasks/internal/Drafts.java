package io.metacortex.tasks.internal;

import java.time.Instant;
import java.util.List;

/** Test data: drafts with sensible defaults, changed one field at a time. */
final class Drafts {

    private Drafts() {
    }

    static TaskDraft titled(String title) {
        return new TaskDraft(title, null, null, Priority.MEDIUM, Status.PENDING, List.of(), null);
    }

    static TaskDraft withStatus(TaskDraft d, Status status) {
        return new TaskDraft(d.title(), d.description(), d.due(), d.priority(), status, d.tags(), d.parentId());
    }

    static TaskDraft withPriority(TaskDraft d, Priority priority) {
        return new TaskDraft(d.title(), d.description(), d.due(), priority, d.status(), d.tags(), d.parentId());
    }

    static TaskDraft withDue(TaskDraft d, Instant due) {
        return new TaskDraft(d.title(), d.description(), due, d.priority(), d.status(), d.tags(), d.parentId());
    }

    static TaskDraft withTags(TaskDraft d, String... tags) {
        return new TaskDraft(d.title(), d.description(), d.due(), d.priority(), d.status(), List.of(tags),
                d.parentId());
    }

    static TaskDraft withParent(TaskDraft d, Long parentId) {
        return new TaskDraft(d.title(), d.description(), d.due(), d.priority(), d.status(), d.tags(), parentId);
    }
}
