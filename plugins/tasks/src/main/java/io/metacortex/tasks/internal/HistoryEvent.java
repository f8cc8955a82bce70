package io.metacortex.tasks.internal;

/** What a {@link HistoryEntry} records. */
public enum HistoryEvent {
    CREATED,
    UPDATED,
    COMPLETED,
    REOPENED,
    DELEGATED,
    ACCEPTED,
    DECLINED
}
