package io.metacortex.calendar.internal;

import java.util.List;

/** A page of a list: its items and the cursor of the next page, null on the last one. */
public record Page<T>(List<T> items, String nextCursor) {}
