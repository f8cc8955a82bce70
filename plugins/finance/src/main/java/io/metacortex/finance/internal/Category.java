package io.metacortex.finance.internal;

import java.time.Instant;

/** A category: one of the default set ({@code own} false: read-only, shared by all users) or the user's own. */
public record Category(long id, String name, boolean own, Instant createdAt, Instant updatedAt) {}
