package io.metacortex.calendar.internal.remote;

import java.time.Instant;

/**
 * A remote calendar linked to a local one.
 *
 * @param syncCollection whether the last sync used an RFC 6578 sync token (else ctag and etags)
 */
public record LinkView(
        long id, long calendarId, String remoteUrl, String remoteName, boolean syncCollection, Instant createdAt) {}
