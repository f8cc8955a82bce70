package io.metacortex.tasks.internal;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code PUT /api/tasks/{id}/status}: {@code {"status": "COMPLETED"}}. */
public record StatusRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = Status.class)
        String status) {}
