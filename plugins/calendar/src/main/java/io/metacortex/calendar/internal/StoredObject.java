package io.metacortex.calendar.internal;

/** A row of {@code calendar_objects} that is not a tombstone. */
record StoredObject(long id, long calendarId, String uid, String ics, String etag, long changeNumber) {}
