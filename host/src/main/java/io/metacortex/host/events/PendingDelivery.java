package io.metacortex.host.events;

import java.time.Instant;

/** The delivery at the head of a stream, with its event. */
record PendingDelivery(
        long eventId,
        String publisher,
        String type,
        String payload,
        String userId,
        Instant publishedAt,
        int attempts,
        Instant nextAttemptAt) {}
