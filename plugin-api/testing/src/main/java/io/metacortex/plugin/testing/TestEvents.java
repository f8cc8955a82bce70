package io.metacortex.plugin.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metacortex.plugin.api.events.Event;
import io.metacortex.plugin.api.events.EventHandler;
import io.metacortex.plugin.api.events.Events;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@link Events} of {@link TestPluginContext}, kept in memory, to test a plugin's publishing and its handlers.
 * Publishing checks its arguments as the host does and writes the payload as JSON with the host's plugin mapper; the
 * event counts as {@link #published() published} once the handle's transaction commits (at once outside one), and
 * not at all when it rolls back. {@link #deliver} hands an event of another plugin to this plugin's handler as the
 * host does: the payload written as JSON and read back as the subscription's class, the handler given a handle in a
 * transaction of the context's {@code jdbi()} carrying the event's user as {@code app.user_id}, committed when it
 * returns and rolled back (the exception reaching the test) when it throws.
 */
public final class TestEvents implements Events {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final String pluginId;
    private final Supplier<Jdbi> jdbi;
    private final ObjectMapper mapper = PluginObjectMapper.create();
    private final Clock clock;
    private final Map<String, Subscription<?>> subscriptions = new ConcurrentHashMap<>();
    private final List<Published> published = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean sealed;

    TestEvents(String pluginId, Supplier<Jdbi> jdbi, Clock clock) {
        this.pluginId = pluginId;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** An event this plugin published, its payload as the JSON the host stores. */
    public record Published(long id, String type, String payload) {

        /** @return the payload read as {@code type}, as a subscriber would */
        public <T> T payload(Class<T> as) {
            try {
                return PluginObjectMapper.create().readValue(payload, as);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("The payload " + payload + " is no " + as.getSimpleName(), e);
            }
        }
    }

    private record Subscription<T>(Class<T> payloadType, EventHandler<T> handler) {}

    private record TestEvent<T>(
            long id, String publisher, String type, Instant publishedAt, Optional<UUID> userId, T payload, int attempt)
            implements Event<T> {}

    @Override
    public long publish(Handle handle, String type, Object payload) {
        if (handle == null) {
            throw new IllegalArgumentException(
                    "Publishing an event needs the handle of the transaction it belongs to.");
        }
        requireName("Event type", type);
        if (payload == null) {
            throw new IllegalArgumentException("The payload of event type " + type + " must not be null.");
        }
        Published event = new Published(ids.incrementAndGet(), type, write(type, payload));
        if (handle.isInTransaction()) {
            handle.afterCommit(() -> add(event));
        } else {
            add(event);
        }
        return event.id();
    }

    @Override
    public <T> void subscribe(String publisher, String type, Class<T> payloadType, EventHandler<T> handler) {
        requireName("Publisher", publisher);
        requireName("Event type", type);
        if (payloadType == null || handler == null) {
            throw new IllegalArgumentException(
                    "The subscription to " + publisher + "/" + type + " needs a payload class and a handler.");
        }
        synchronized (this) {
            if (sealed) {
                throw new IllegalStateException("Events can only be subscribed to during Plugin.start");
            }
            if (subscriptions.putIfAbsent(publisher + "/" + type, new Subscription<>(payloadType, handler)) != null) {
                throw new IllegalArgumentException("Plugin " + pluginId + " already subscribed to " + publisher + "/"
                        + type + ": subscribe to each type once.");
            }
        }
    }

    /** @return the events this plugin published in committed transactions, in commit order */
    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    /** @return the payloads of the committed events of {@code type}, read as {@code as} */
    public <T> List<T> published(String type, Class<T> as) {
        return published().stream()
                .filter(e -> e.type().equals(type))
                .map(e -> e.payload(as))
                .toList();
    }

    /** @return whether the plugin subscribed to the publisher's type during start */
    public boolean subscribes(String publisher, String type) {
        return subscriptions.containsKey(publisher + "/" + type);
    }

    /**
     * Delivers an event of another plugin to this plugin's handler now, as the host would.
     *
     * @param userId the user whose request published it, or null
     * @return the event's id (a new one for each delivery)
     * @throws IllegalArgumentException when the plugin does not subscribe to the type
     * @throws Exception what the handler threw (its transaction rolled back)
     */
    public long deliver(String publisher, String type, Object payload, UUID userId) throws Exception {
        Subscription<?> subscription = subscriptions.get(publisher + "/" + type);
        if (subscription == null) {
            throw new IllegalArgumentException("Plugin " + pluginId + " does not subscribe to " + publisher + "/" + type
                    + " (it subscribes to " + subscriptions.keySet() + ").");
        }
        long id = ids.incrementAndGet();
        handle(
                subscription,
                new TestEvent<>(
                        id, publisher, type, clock.instant(), Optional.ofNullable(userId), write(type, payload), 1));
        return id;
    }

    private <T> void handle(Subscription<T> subscription, TestEvent<String> json) throws Exception {
        T payload = mapper.readValue(json.payload(), subscription.payloadType());
        TestEvent<T> event = new TestEvent<>(
                json.id(), json.publisher(), json.type(), json.publishedAt(), json.userId(), payload, 1);
        Jdbi database = jdbi.get();
        if (database == null) {
            throw new IllegalStateException(
                    "Delivering an event needs a context with a database:" + " TestPluginContext.of(DB.database()).");
        }
        database.useTransaction(handle -> {
            handle.createQuery("SELECT set_config('app.user_id', :user, true)")
                    .bind("user", json.userId().map(UUID::toString).orElse(""))
                    .mapTo(String.class)
                    .one();
            subscription.handler().handle(event, handle);
        });
    }

    void seal() {
        sealed = true;
    }

    private synchronized void add(Published event) {
        published.add(event);
    }

    private String write(String type, Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "The payload of event type " + type + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void requireName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' is not valid: use 1 to 64 characters, lower-case"
                    + " letters, digits, '.', '_' and '-', starting with a letter or digit.");
        }
    }
}
