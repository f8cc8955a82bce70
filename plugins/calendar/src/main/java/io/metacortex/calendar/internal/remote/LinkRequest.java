package io.metacortex.calendar.internal.remote;

/**
 * The body of {@code POST /api/calendar/accounts/{id}/links}: links the remote calendar {@code remoteUrl} (as listed
 * by {@code GET .../calendars}) to the local calendar {@code calendarId}, or, without one, to a new local calendar
 * named {@code name} (by default the remote calendar's display name).
 */
public record LinkRequest(String remoteUrl, Long calendarId, String name) {}
