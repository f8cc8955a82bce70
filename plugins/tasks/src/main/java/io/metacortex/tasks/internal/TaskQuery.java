package io.metacortex.tasks.internal;

import io.metacortex.plugin.support.PageQuery;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One page request of {@code GET /api/tasks}: filters (all must hold) plus the keyset position.
 *
 * @param statuses any of these; empty for any status
 * @param priorities any of these; empty for any priority
 * @param tags all of these (normalised); empty for no tag condition
 * @param dueBefore due strictly before, or null
 * @param dueAfter due strictly after, or null
 * @param parentId children of this task, or null
 * @param projectId tasks of this project, or null
 * @param delegated false for the caller's own tasks; true for the tasks other users delegated to the caller
 * @param afterId only tasks with a greater id (0 for the first page)
 * @param limit page size, 1..{@link #MAX_LIMIT}
 */
record TaskQuery(
        Set<Status> statuses,
        Set<Priority> priorities,
        List<String> tags,
        Instant dueBefore,
        Instant dueAfter,
        Long parentId,
        Long projectId,
        boolean delegated,
        long afterId,
        int limit) {

    static final int DEFAULT_LIMIT = PageQuery.DEFAULT_LIMIT;
    static final int MAX_LIMIT = PageQuery.MAX_LIMIT;

    /** The caller's own tasks, in any project. */
    TaskQuery(
            Set<Status> statuses,
            Set<Priority> priorities,
            List<String> tags,
            Instant dueBefore,
            Instant dueAfter,
            Long parentId,
            long afterId,
            int limit) {
        this(statuses, priorities, tags, dueBefore, dueAfter, parentId, null, false, afterId, limit);
    }

    /** @return the first page of all the caller's own tasks, {@code limit} at a time */
    static TaskQuery all(int limit) {
        return new TaskQuery(Set.of(), Set.of(), List.of(), null, null, null, 0, limit);
    }

    TaskQuery after(long id) {
        return new TaskQuery(
                statuses, priorities, tags, dueBefore, dueAfter, parentId, projectId, delegated, id, limit);
    }

    TaskQuery withLimit(int rows) {
        return new TaskQuery(
                statuses, priorities, tags, dueBefore, dueAfter, parentId, projectId, delegated, afterId, rows);
    }

    TaskQuery inProject(Long project) {
        return new TaskQuery(
                statuses, priorities, tags, dueBefore, dueAfter, parentId, project, delegated, afterId, limit);
    }

    TaskQuery delegatedToCaller() {
        return new TaskQuery(
                statuses, priorities, tags, dueBefore, dueAfter, parentId, projectId, true, afterId, limit);
    }
}
