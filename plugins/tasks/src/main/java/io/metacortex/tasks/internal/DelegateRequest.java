package io.metacortex.tasks.internal;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/tasks/{id}/delegate}: {@code {"assigneeId": "<user id>"}}, the id as text. */
public record DelegateRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid")
        String assigneeId) {}
