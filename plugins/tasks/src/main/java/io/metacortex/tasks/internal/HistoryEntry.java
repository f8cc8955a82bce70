package io.metacortex.tasks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a task's history.
 *
 * @param actorId the user who did it: the owner, or the assignee
 * @param details what the event carries, e.g. for {@link HistoryEvent#UPDATED} the changed fields as
 *     {@code {"title": {"from": "a", "to": "b"}}}; {@code {}} when nothing
 */
public record HistoryEntry(long id, long taskId, UUID actorId, HistoryEvent event, JsonNode details, Instant at) {}
