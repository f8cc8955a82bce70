package io.metacortex.habits.internal;

import java.util.List;

/** A list answer that is not paged (a date range's check-ins or rest days): {@code {"items": [...]}}. */
public record ItemList<T>(List<T> items) {}
