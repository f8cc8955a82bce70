package io.metacortex.tasks.internal;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/tasks/projects} and {@code PUT /api/tasks/projects/{id}}. */
public record ProjectRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = ProjectService.MAX_NAME)
        String name) {}
