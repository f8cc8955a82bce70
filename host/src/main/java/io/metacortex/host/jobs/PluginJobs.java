package io.metacortex.host.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Clock;
import io.metacortex.plugin.api.jobs.JobHandler;
import io.metacortex.plugin.api.jobs.JobRequest;
import io.metacortex.plugin.api.jobs.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One plugin version's {@link Jobs}: the types it registered during start, the jobs it schedules, and a count of its
 * runs in flight, so that a replaced version can finish them ({@link #closeAndDrain}) before it is stopped. Payloads
 * are written and read with the version's own mapper, which dies with it (a shared one would cache its classes).
 */
public final class PluginJobs implements Jobs {

    private static final int CLOSED = Integer.MIN_VALUE;

    private final String pluginId;
    private final String version;
    private final ObjectMapper mapper;
    private final JobQueue queue;
    private final Clock clock;
    private final Map<String, Registration<?>> types = new ConcurrentHashMap<>();
    /** Jobs created while the version started: deleted again when its load fails. */
    private final List<JobId> createdDuringStart = new ArrayList<>();
    /** Runs in flight, with the sign bit set once closed. */
    private final AtomicInteger runs = new AtomicInteger();

    private final CountDownLatch drained = new CountDownLatch(1);
    private volatile boolean sealed;
    private volatile boolean closed;

    PluginJobs(String pluginId, String version, ObjectMapper mapper, JobQueue queue, Clock clock) {
        this.pluginId = pluginId;
        this.version = version;
        this.mapper = mapper;
        this.queue = queue;
        this.clock = clock;
    }

    /** A job type and its handler, as registered. */
    record Registration<T>(String type, Class<T> payloadType, JobHandler<T> handler) {}

    @Override
    public <T> void register(String type, Class<T> payloadType, JobHandler<T> handler) {
        JobId.requireType(type);
        if (payloadType == null || handler == null) {
            throw new IllegalArgumentException("Job type " + type + " needs a payload class and a handler.");
        }
        synchronized (this) {
            if (sealed) {
                throw new IllegalStateException("Job types can only be registered during Plugin.start");
            }
            if (types.putIfAbsent(type, new Registration<>(type, payloadType, handler)) != null) {
                throw new IllegalArgumentException(
                        "Plugin " + pluginId + " already registered job type " + type + ": register each type once.");
            }
        }
    }

    @Override
    public JobRequest schedule(String type, Object payload) {
        requireRunning();
        Registration<?> registration = types.get(JobId.requireType(type));
        if (registration == null) {
            throw new IllegalArgumentException("Job type " + type + " is not registered by plugin " + pluginId + " "
                    + version + (types.isEmpty() ? ", which registers none" : " (it registers " + registered() + ")")
                    + ": register it with jobs().register(..) in Plugin.start.");
        }
        return new PluginJobRequest(this, type, write(registration, payload));
    }

    @Override
    public boolean cancel(String type, String key) {
        requireRunning();
        return queue.cancel(new JobId(pluginId, JobId.requireType(type), JobId.requireKey(key)));
    }

    /** Stores a job described by a {@link PluginJobRequest}. @return whether it was created */
    boolean add(JobId id, JobData data, Instant at) {
        requireRunning();
        boolean created = queue.add(id, data, at);
        if (created && !sealed) {
            synchronized (createdDuringStart) {
                createdDuringStart.add(id);
            }
        }
        return created;
    }

    /** @return the payload as JSON, written by this version's mapper */
    JsonNode write(Registration<?> registration, Object payload) {
        if (payload != null && !registration.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException("The payload of job type " + registration.type() + " must be a "
                    + registration.payloadType().getSimpleName() + ", not a "
                    + payload.getClass().getSimpleName() + ".");
        }
        try {
            return mapper.valueToTree(payload);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "The payload of job type " + registration.type() + " cannot be written as JSON: " + e.getMessage(),
                    e);
        }
    }

    /** @return the payload read from JSON as the type's payload class */
    <T> T read(Registration<T> registration, JsonNode payload) throws java.io.IOException {
        return payload == null || payload.isNull() ? null : mapper.treeToValue(payload, registration.payloadType());
    }

    String pluginId() {
        return pluginId;
    }

    String version() {
        return version;
    }

    Clock clock() {
        return clock;
    }

    /** @return the types this version registered */
    Set<String> types() {
        return new TreeSet<>(types.keySet());
    }

    boolean registers(String type) {
        return types.containsKey(type);
    }

    /** Ends the registration phase: {@link io.metacortex.plugin.api.Plugin#start} returned. */
    void seal() {
        synchronized (this) {
            sealed = true;
        }
        synchronized (createdDuringStart) {
            createdDuringStart.clear();
        }
    }

    /**
     * Admits a run of a job of {@code type}.
     *
     * @return the type's registration, or null when this version does not register the type or is closed; after a
     *     registration, call {@link #exit()} once the run ended
     */
    Registration<?> enter(String type) {
        Registration<?> registration = types.get(type);
        if (registration == null) {
            return null;
        }
        while (true) {
            int s = runs.get();
            if (s < 0) {
                return null;
            }
            if (runs.compareAndSet(s, s + 1)) {
                return registration;
            }
        }
    }

    void exit() {
        if (runs.decrementAndGet() == CLOSED) {
            drained.countDown();
        }
    }

    /**
     * Admits no further run and waits for those in flight; after it, the version schedules nothing more.
     *
     * @return whether every run in flight ended within the timeout
     */
    boolean closeAndDrain(Duration timeout) {
        closed = true;
        if (runs.getAndUpdate(s -> s | CLOSED) == 0) {
            drained.countDown();
        }
        try {
            return drained.await(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The version failed to load: it schedules nothing more, and the jobs it created while starting are deleted. */
    void abandon() {
        closeAndDrain(Duration.ZERO);
        synchronized (createdDuringStart) {
            createdDuringStart.forEach(queue::cancel);
            createdDuringStart.clear();
        }
    }

    private void requireRunning() {
        if (closed) {
            throw new IllegalStateException("Plugin " + pluginId + " " + version + " no longer runs: look its jobs up"
                    + " again through the context of the version that runs now.");
        }
    }

    private String registered() {
        return String.join(", ", types());
    }

    @Override
    public String toString() {
        return "jobs of plugin " + pluginId + " " + version;
    }

    static <T> T requireNonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null.");
        }
        return value;
    }
}
