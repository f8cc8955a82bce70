package io.metacortex.tasks.internal;

/**
 * One of a user's tags.
 *
 * @param name normalised: trimmed, lower-case
 * @param taskCount how many of the user's tasks carry it
 */
public record Tag(long id, String name, long taskCount) {}
