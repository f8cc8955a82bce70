package io.metacortex.calendar.internal.remote;

import java.time.Instant;

/**
 * A UID changed on both sides between two syncs, or a push the server refused with 412.
 *
 * @param winner {@code remote} or {@code local}: the side whose version both sides now hold
 * @param losingVersion the other side's version (iCalendar text), null when that side had deleted the event
 */
public record ConflictView(
        long id, long calendarId, String uid, Instant occurredAt, String winner, String reason, String losingVersion) {}
