package io.metacortex.calendar.internal;

import java.time.Instant;

/**
 * A calendar object resource as the CalDAV server shows it.
 *
 * @param ics the VCALENDAR text as stored (see {@link DavStore#calendarData} for what a client is served)
 * @param etag the strong entity tag, without quotes
 */
public record DavObject(String uid, String etag, String ics, Instant lastModified) {}
