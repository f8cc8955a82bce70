package io.metacortex.calendar.internal;

/**
 * The body of {@code POST /calendars} and {@code PUT /calendars/{id}}.
 *
 * @param colour {@code #rrggbb}; {@code #3a87ad} when absent
 * @param timeZone an IANA zone id; the caller's time zone when absent
 */
public record CalendarRequest(String name, String colour, String timeZone) {}
