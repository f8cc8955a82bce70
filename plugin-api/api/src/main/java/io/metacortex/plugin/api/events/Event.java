package io.metacortex.plugin.api.events;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One event, as delivered to a subscriber. Implemented by the host.
 *
 * @param <T> the subscriber's payload class
 */
@ProviderType
public interface Event<T> {

    /** @return the event's id, the same for every subscriber: deliveries to one subscriber are idempotent by it */
    long id();

    /** @return the id of the plugin that published it */
    String publisher();

    /** @return its type, e.g. {@code task.completed} */
    String type();

    /** @return when it was published (in the publishing transaction, which may have committed later) */
    Instant publishedAt();

    /**
     * @return the user whose request published it ({@code app.user_id} of the publishing connection), or empty when
     *     it was published outside a user's request
     */
    Optional<UUID> userId();

    /** @return the payload, read as the subscription's payload class */
    T payload();

    /** @return which delivery of the event to this subscriber this is: 1 the first time, more after failures */
    int attempt();
}
