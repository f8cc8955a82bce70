package io.metacortex.notes.internal;

import java.time.Instant;
import java.util.List;

/** A version in {@code GET /api/notes/{id}/versions}: its body is left out, {@code .../versions/{n}} has it. */
public record VersionSummary(int number, String title, List<String> tags, Instant createdAt) {}
