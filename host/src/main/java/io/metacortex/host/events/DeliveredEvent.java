package io.metacortex.host.events;

import io.metacortex.plugin.api.events.Event;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An event as handed to a subscriber's handler. */
record DeliveredEvent<T>(
        long id, String publisher, String type, Instant publishedAt, Optional<UUID> userId, T payload, int attempt)
        implements Event<T> {}
