package io.metacortex.host.events;

import io.metacortex.host.identity.RequestUser;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers events to the subscribers that run on this host. A round ({@link #wake()}, on a NOTIFY, a sweep, an
 * activation or when a retry is due) lists the streams with pending deliveries; each stream is driven by one worker,
 * under a PostgreSQL advisory lock so that no other host drives it at the same time, head first: the handler runs in
 * a transaction of the subscriber's connections that also records the delivery ({@code record_delivery}). A failure
 * stops the stream until its backoff ends (order); after the last attempt the event is parked and the stream goes on.
 */
public final class EventDispatcher implements AutoCloseable {

    /** The MDC key naming the plugin, as while it serves a request. */
    static final String MDC_KEY = "plugin";

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final EventStore store;
    private final EventMetrics metrics;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Clock clock;
    private final Map<String, PluginEvents> active = new ConcurrentHashMap<>();
    /** Streams being driven here, with whether a round asked for them again meanwhile. */
    private final Map<Stream, Boolean> driven = new ConcurrentHashMap<>();

    private final AtomicBoolean roundQueued = new AtomicBoolean();
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    EventDispatcher(
            EventStore store, EventMetrics metrics, Backoff backoff, int maxAttempts, int threads, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(
                threads, runnable -> daemon(runnable, "event-worker-" + number.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "event-rounds"));
    }

    /** The plugin's subscriptions are kept, and its events delivered to this version from now on. */
    void activate(PluginEvents events) {
        store.subscribe(events.pluginId(), events.subscriptions());
        active.put(events.pluginId(), events);
        wake();
    }

    /** The plugin's events wait (in the database) until a version of it is activated again. */
    void deactivate(String pluginId) {
        active.remove(pluginId);
    }

    /** Asks for a round soon; rounds asked for while one waits to start are one. */
    public void wake() {
        if (!closed && roundQueued.compareAndSet(false, true)) {
            try {
                timer.execute(this::round);
            } catch (RejectedExecutionException stopping) {
                roundQueued.set(false);
            }
        }
    }

    private void round() {
        roundQueued.set(false);
        if (closed || active.isEmpty()) {
            return;
        }
        try {
            store.streams(active.keySet()).forEach(this::drive);
        } catch (RuntimeException e) {
            LOG.warn("Could not look for events to deliver: {}", e.getMessage());
        }
    }

    private void drive(Stream stream) {
        boolean[] start = {false};
        driven.compute(stream, (key, again) -> {
            start[0] = again == null;
            return again != null;
        });
        if (start[0]) {
            try {
                workers.execute(() -> driveWhileAsked(stream));
            } catch (RejectedExecutionException stopping) {
                driven.remove(stream);
            }
        }
    }

    private void driveWhileAsked(Stream stream) {
        do {
            driven.put(stream, Boolean.FALSE);
            try {
                deliverStream(stream);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Delivering the events of {} to {} failed: {}",
                        stream.publisher(),
                        stream.subscriber(),
                        e.getMessage(),
                        e);
            }
        } while (!closed && !driven.remove(stream, Boolean.FALSE));
        if (closed) {
            driven.remove(stream);
        }
    }

    private void deliverStream(Stream stream) {
        try (Handle host = store.jdbi().open()) {
            boolean locked = host.createQuery(
                            "SELECT pg_try_advisory_lock(hashtext('metacortex.event-streams'), hashtext(:stream))")
                    .bind("stream", stream.subscriber() + "\u0001" + stream.publisher())
                    .mapTo(Boolean.class)
                    .one();
            if (!locked) {
                return; // another host drives it
            }
            try {
                while (!closed && deliverHead(host, stream)) {
                    // on to the next event
                }
            } finally {
                host.createQuery("SELECT pg_advisory_unlock(hashtext('metacortex.event-streams'), hashtext(:stream))")
                        .bind("stream", stream.subscriber() + "\u0001" + stream.publisher())
                        .mapTo(Boolean.class)
                        .one();
            }
        }
    }

    /** @return whether the stream may go on with its next event */
    private boolean deliverHead(Handle host, Stream stream) {
        PluginEvents subscriber = active.get(stream.subscriber());
        Optional<PendingDelivery> head = EventStore.head(host, stream);
        if (subscriber == null || head.isEmpty()) {
            return false;
        }
        PendingDelivery delivery = head.get();
        if (delivery.waitMillis() > 0) {
            wakeAfter(Duration.ofMillis(delivery.waitMillis()));
            return false;
        }
        PluginEvents.Registration<?> registration = subscriber.registration(delivery.publisher(), delivery.type());
        MDC.put(MDC_KEY, stream.subscriber());
        try {
            if (registration == null) {
                String reason = "plugin " + subscriber.pluginId() + " " + subscriber.version()
                        + " does not subscribe to " + delivery.publisher() + "/" + delivery.type();
                EventStore.park(host, stream.subscriber(), delivery.eventId(), reason, false);
                metrics.parked(stream.subscriber(), delivery);
                LOG.warn("Event {} parked: {} (GET /admin/events/parked)", delivery.eventId(), reason);
                return true;
            }
            if (handle(subscriber, registration, delivery)) {
                metrics.delivered(
                        stream.subscriber(), delivery, Duration.between(delivery.publishedAt(), clock.instant()));
            }
            return true;
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            return failed(host, stream, delivery, e);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** @return whether the handler ran and committed (false: the delivery was recorded already) */
    private <T> boolean handle(
            PluginEvents subscriber, PluginEvents.Registration<T> registration, PendingDelivery delivery)
            throws Exception {
        T payload;
        try {
            payload = subscriber.read(registration, delivery.payload());
        } catch (IOException e) {
            throw new IllegalStateException("its payload could not be read: " + e.getMessage(), e);
        }
        Optional<UUID> user = userId(delivery.userId());
        DeliveredEvent<T> event = new DeliveredEvent<>(
                delivery.eventId(),
                delivery.publisher(),
                delivery.type(),
                delivery.publishedAt(),
                user,
                payload,
                delivery.attempts() + 1);
        UUID previous = RequestUser.enter(user.orElse(null));
        try {
            return subscriber.jdbi().inTransaction(handle -> {
                boolean first = handle.createQuery("SELECT metacortex_events.record_delivery(:plugin, :event)")
                        .bind("plugin", subscriber.pluginId())
                        .bind("event", delivery.eventId())
                        .mapTo(Boolean.class)
                        .one();
                if (first) {
                    registration.handler().handle(event, handle);
                }
                return first;
            });
        } finally {
            RequestUser.restore(previous);
        }
    }

    private boolean failed(Handle host, Stream stream, PendingDelivery delivery, Throwable e) {
        int attempt = delivery.attempts() + 1;
        String error = describe(e);
        metrics.failed(stream.subscriber(), delivery);
        if (attempt >= maxAttempts) {
            EventStore.park(host, stream.subscriber(), delivery.eventId(), error, true);
            metrics.parked(stream.subscriber(), delivery);
            LOG.warn(
                    "Event {} ({}/{}) failed for {} (attempt {} of {}): {}. It is parked until an admin retries or"
                            + " deletes it (GET /admin/events/parked); the events behind it go on",
                    delivery.eventId(),
                    delivery.publisher(),
                    delivery.type(),
                    stream.subscriber(),
                    attempt,
                    maxAttempts,
                    error,
                    e);
            return true;
        }
        Duration wait = backoff.after(attempt);
        EventStore.failed(host, stream.subscriber(), delivery.eventId(), error, wait);
        LOG.warn(
                "Event {} ({}/{}) failed for {} (attempt {} of {}): {}. Delivering it again in {}",
                delivery.eventId(),
                delivery.publisher(),
                delivery.type(),
                stream.subscriber(),
                attempt,
                maxAttempts,
                error,
                wait,
                e);
        wakeAfter(wait);
        return false;
    }

    private void wakeAfter(Duration wait) {
        try {
            timer.schedule(this::wake, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the host stops; the sweep of the next start delivers it
        }
    }

    private static Optional<UUID> userId(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notAUser) {
            return Optional.empty();
        }
    }

    /** What a failed delivery leaves as its last error: the exception's message, never its class. */
    static String describe(Throwable e) {
        Throwable cause =
                e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null || cause.getMessage().isBlank()
                ? "the handler failed without a message (see the host's log)"
                : cause.getMessage();
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) + "..." : message;
    }

    /** Stops taking rounds and lets the deliveries in flight end (up to {@code wait}); before plugins unload. */
    void stop(Duration wait) {
        closed = true;
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
