/**
 * The calendar plugin's CalDAV server (RFC 4791, with RFC 6578 sync-collection) under {@code /api/calendar/dav/}: the
 * routes ({@link io.metacortex.calendar.internal.dav.CalDavResource}), its XML in and out, and its URLs. It reads and
 * writes through {@link io.metacortex.calendar.internal.DavStore}, the services of the REST API. Not API.
 */
package io.metacortex.calendar.internal.dav;
