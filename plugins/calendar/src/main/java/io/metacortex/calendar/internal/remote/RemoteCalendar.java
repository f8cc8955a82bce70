package io.metacortex.calendar.internal.remote;

/**
 * A calendar collection of an account, as listed by {@code GET /accounts/{id}/calendars}.
 *
 * @param url the collection's URL: what {@code POST /accounts/{id}/links} takes as {@code remoteUrl}
 * @param syncCollection whether the server offers an RFC 6578 sync token for it (else ctag and etags are compared)
 * @param linkedCalendarId the local calendar it is linked to, null when it is not
 */
public record RemoteCalendar(String url, String displayName, boolean syncCollection, Long linkedCalendarId) {

    RemoteCalendar linkedTo(Long calendarId) {
        return new RemoteCalendar(url, displayName, syncCollection, calendarId);
    }
}
