package io.metacortex.host.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metacortex.plugin.api.events.EventHandler;
import io.metacortex.plugin.api.events.Events;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One plugin version's {@link Events}: the subscriptions it made during start, and its publishing. Payloads are
 * written and read with the version's own mapper, which dies with it. The database, not this object, says who
 * publishes: {@code metacortex_events.publish_event} takes the plugin from the connection's login role.
 */
public final class PluginEvents implements Events {

    private final String pluginId;
    private final String version;
    private final ObjectMapper mapper;
    private final Map<String, Registration<?>> subscriptions = new ConcurrentHashMap<>();
    private volatile Jdbi jdbi;
    private volatile boolean sealed;
    private volatile boolean closed;

    PluginEvents(String pluginId, String version, ObjectMapper mapper) {
        this.pluginId = pluginId;
        this.version = version;
        this.mapper = mapper;
    }

    /** A subscription and its handler, as registered. */
    record Registration<T>(String publisher, String type, Class<T> payloadType, EventHandler<T> handler) {}

    @Override
    public long publish(Handle handle, String type, Object payload) {
        if (closed) {
            throw new IllegalStateException("Plugin " + pluginId + " " + version + " no longer runs: publish through"
                    + " the context of the version that runs now.");
        }
        if (handle == null) {
            throw new IllegalArgumentException(
                    "Publishing an event needs the handle of the transaction it belongs to.");
        }
        EventNames.requireType(type);
        if (payload == null) {
            throw new IllegalArgumentException("The payload of event type " + type + " must not be null.");
        }
        String json;
        try {
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "The payload of event type " + type + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        return handle.createQuery("SELECT metacortex_events.publish_event(:plugin, :type, CAST(:payload AS JSONB))")
                .bind("plugin", pluginId)
                .bind("type", type)
                .bind("payload", json)
                .mapTo(Long.class)
                .one();
    }

    @Override
    public <T> void subscribe(String publisher, String type, Class<T> payloadType, EventHandler<T> handler) {
        EventNames.requirePublisher(publisher);
        EventNames.requireType(type);
        if (payloadType == null || handler == null) {
            throw new IllegalArgumentException(
                    "The subscription to " + publisher + "/" + type + " needs a payload class and a handler.");
        }
        synchronized (this) {
            if (sealed) {
                throw new IllegalStateException("Events can only be subscribed to during Plugin.start");
            }
            if (subscriptions.putIfAbsent(
                            key(publisher, type), new Registration<>(publisher, type, payloadType, handler))
                    != null) {
                throw new IllegalArgumentException("Plugin " + pluginId + " already subscribed to " + publisher + "/"
                        + type + ": subscribe to each type once.");
            }
        }
    }

    /** @return the version's handler of a publisher's type, or null when it does not subscribe to it */
    Registration<?> registration(String publisher, String type) {
        return subscriptions.get(key(publisher, type));
    }

    List<Subscription> subscriptions() {
        return subscriptions.values().stream()
                .map(r -> new Subscription(pluginId, r.publisher(), r.type()))
                .sorted(java.util.Comparator.comparing(Subscription::publisher).thenComparing(Subscription::type))
                .toList();
    }

    <T> T read(Registration<T> registration, String payload) throws IOException {
        return mapper.readValue(payload, registration.payloadType());
    }

    /** The version's connections, on which its handlers run. */
    void connect(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    void seal() {
        sealed = true;
    }

    void close() {
        closed = true;
    }

    public String pluginId() {
        return pluginId;
    }

    public String version() {
        return version;
    }

    private static String key(String publisher, String type) {
        return publisher + "/" + type;
    }

    @Override
    public String toString() {
        return "events of plugin " + pluginId + " " + version;
    }
}
