package io.metacortex.tasks.internal;

import java.time.Instant;
import java.util.List;

/** Test data: drafts with sensible defaults, changed one field at a time. */
final class Drafts {

    private Drafts() {}

    static TaskDraft titled(String title) {
        return new TaskDraft(title, null, null, Priority.MEDIUM, Status.PENDING, List.of(), null);
    }

    static TaskDraft withStatus(TaskDraft d, Status status) {
        return new TaskDraft(
                d.title(),
                d.description(),
                d.due(),
                d.priority(),
                status,
                d.tags(),
                d.parentId(),
                d.projectId(),
                d.completeWhenSubtasksDone(),
                d.recurrence());
    }

    static TaskDraft withPriority(TaskDraft d, Priority priority) {
        return new TaskDraft(
                d.title(),
                d.description(),
                d.due(),
                priority,
                d.status(),
                d.tags(),
                d.parentId(),
                d.projectId(),
                d.completeWhenSubtasksDone(),
                d.recurrence());
    }

    static TaskDraft withDue(TaskDraft d, Instant due) {
        return new TaskDraft(
                d.title(),
                d.description(),
                due,
                d.priority(),
                d.status(),
                d.tags(),
                d.parentId(),
                d.projectId(),
                d.completeWhenSubtasksDone(),
                d.recurrence());
    }

    static TaskDraft withTags(TaskDraft d, String... tags) {
        return new TaskDraft(
                d.title(),
                d.description(),
                d.due(),
                d.priority(),
                d.status(),
                List.of(tags),
                d.parentId(),
                d.projectId(),
                d.completeWhenSubtasksDone(),
                d.recurrence());
    }

    static TaskDraft withParent(TaskDraft d, Long parentId) {
        return new TaskDraft(
                d.title(),
                d.description(),
                d.due(),
                d.priority(),
                d.status(),
                d.tags(),
                parentId,
                d.projectId(),
                d.completeWhenSubtasksDone(),
                d.recurrence());
    }

    static TaskDraft withProject(TaskDraft d, Long projectId) {
        return new TaskDraft(
                d.title(),
                d.description(),
                d.due(),
                d.priority(),
                d.status(),
                d.tags(),
                d.parentId(),
                projectId,
                d.completeWhenSubtasksDone(),
                d.recurrence());
    }

    static TaskDraft completingWithSubtasks(TaskDraft d) {
        return new TaskDraft(
                d.title(),
                d.description(),
                d.due(),
                d.priority(),
                d.status(),
                d.tags(),
                d.parentId(),
                d.projectId(),
                true,
                d.recurrence());
    }

    /** @param rule a valid RRULE, normalised */
    static TaskDraft recurring(TaskDraft d, String rule, Instant due) {
        return new TaskDraft(
                d.title(),
                d.description(),
                due,
                d.priority(),
                d.status(),
                d.tags(),
                d.parentId(),
                d.projectId(),
                d.completeWhenSubtasksDone(),
                rule);
    }
}
