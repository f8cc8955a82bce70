package io.metacortex.tasks.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A task's delegation, as both its owner and its assignee see it.
 *
 * @param assigneeId the user the task is delegated to
 * @param state whether the assignee accepted, declined or has not answered yet
 * @param delegatedAt when the owner delegated it (last)
 */
public record Delegation(UUID assigneeId, DelegationState state, Instant delegatedAt) {}
