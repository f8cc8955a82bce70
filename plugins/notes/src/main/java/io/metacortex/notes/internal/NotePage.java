package io.metacortex.notes.internal;

import java.util.List;

/**
 * A page of a list.
 *
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record NotePage<T>(List<T> items, String nextCursor) {}
