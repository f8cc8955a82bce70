package io.metacortex.calendar.internal;

/**
 * An ATTENDEE of an event, as plain data: no invitations are sent.
 *
 * @param email the address (the property's {@code mailto:} value)
 * @param name the CN parameter, or null
 * @param role the ROLE parameter ({@code REQ-PARTICIPANT}, {@code OPT-PARTICIPANT}, ...), or null
 * @param status the PARTSTAT parameter ({@code NEEDS-ACTION}, {@code ACCEPTED}, {@code DECLINED}, ...), or null
 */
public record Attendee(String email, String name, String role, String status) {}
