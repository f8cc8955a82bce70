package io.metacortex.host.events;

import java.time.Instant;

/**
 * The delivery at the head of a stream, with its event.
 *
 * @param waitMillis how long until its next attempt is due, by the database's clock (0: due)
 */
record PendingDelivery(
        long eventId,
        String publisher,
        String type,
        String payload,
        String userId,
        Instant publishedAt,
        int attempts,
        long waitMillis) {}
