package io.metacortex.tasks.internal;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code PUT/PATCH /api/tasks/tags/{id}}: the new name. */
public record TagRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name) {}
