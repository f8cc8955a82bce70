package io.metacortex.plugin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metacortex.plugin.api.jobs.Job;
import io.metacortex.plugin.api.jobs.JobHandler;
import io.metacortex.plugin.api.jobs.JobRequest;
import io.metacortex.plugin.api.jobs.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The {@link Jobs} of a {@link TestPluginContext}, kept in memory: types register only during start, payloads go
 * through JSON with the host's per-plugin mapper, and a type and key name one job, as in the host. Nothing runs by
 * itself: a test runs a job with {@link #run(String, String)} and looks at what is {@link #scheduled()}. Recurrence
 * and retries are recorded, not computed (that is the host's scheduler's work).
 */
public final class TestJobs implements Jobs {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final ObjectMapper mapper = PluginObjectMapper.create();
    private final Map<String, Registered<?>> types = new ConcurrentHashMap<>();
    private final Map<String, Scheduled> jobs = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile boolean sealed;

    TestJobs(Clock clock) {
        this.clock = clock;
    }

    /**
     * A job as scheduled: its type, key, payload as JSON, when it runs next, and how it recurs ({@code every PT1M},
     * {@code cron 0 0 7 * * * Europe/Berlin}, or null), and its retry policy.
     */
    public record Scheduled(
            String type, String key, JsonNode payload, Instant at, String recurrence, int maxAttempts) {}

    private record Registered<T>(Class<T> payloadType, JobHandler<T> handler) {}

    @Override
    public <T> void register(String type, Class<T> payloadType, JobHandler<T> handler) {
        requireType(type);
        if (payloadType == null || handler == null) {
            throw new IllegalArgumentException("Job type " + type + " needs a payload class and a handler.");
        }
        if (sealed) {
            throw new IllegalStateException("Job types can only be registered during Plugin.start");
        }
        if (types.putIfAbsent(type, new Registered<>(payloadType, handler)) != null) {
            throw new IllegalArgumentException("Job type " + type + " is registered already: register each type once.");
        }
    }

    @Override
    public JobRequest schedule(String type, Object payload) {
        Registered<?> registered = types.get(requireType(type));
        if (registered == null) {
            throw new IllegalArgumentException("Job type " + type + " is not registered: register it with"
                    + " jobs().register(..) in Plugin.start.");
        }
        if (payload != null && !registered.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException("The payload of job type " + type + " must be a "
                    + registered.payloadType().getSimpleName() + ", not a "
                    + payload.getClass().getSimpleName() + ".");
        }
        return new Request(type, mapper.valueToTree(payload));
    }

    @Override
    public boolean cancel(String type, String key) {
        return jobs.remove(requireType(type) + "/" + requireKey(key)) != null;
    }

    /** @return the jobs scheduled and not run to completion (nor cancelled), in no particular order */
    public List<Scheduled> scheduled() {
        return new ArrayList<>(jobs.values());
    }

    /** @return the job of this type and key, if scheduled */
    public Optional<Scheduled> find(String type, String key) {
        return Optional.ofNullable(jobs.get(type + "/" + key));
    }

    /**
     * Runs the job once, now, as the host would (attempt 1): when its handler returns, a one-time job is removed and a
     * job the handler rescheduled stays at its new time; an exception reaches the caller and the job stays.
     *
     * @throws IllegalArgumentException when no such job is scheduled
     */
    public void run(String type, String key) throws Exception {
        Scheduled job = find(type, key)
                .orElseThrow(() -> new IllegalArgumentException("No job " + type + "/" + key + " is scheduled."));
        runAs(types.get(type), job);
    }

    private <T> void runAs(Registered<T> registered, Scheduled job) throws Exception {
        T payload = mapper.treeToValue(job.payload(), registered.payloadType());
        Instant[] next = {null};
        JsonNode[] nextPayload = {job.payload()};
        registered.handler().handle(new Job<T>() {
            @Override
            public String type() {
                return job.type();
            }

            @Override
            public String key() {
                return job.key();
            }

            @Override
            public T payload() {
                return payload;
            }

            @Override
            public int attempt() {
                return 1;
            }

            @Override
            public Instant scheduledAt() {
                return job.at();
            }

            @Override
            public void rescheduleAt(Instant instant) {
                next[0] = require(instant, "The instant");
            }

            @Override
            public void rescheduleAt(Instant instant, T newPayload) {
                next[0] = require(instant, "The instant");
                nextPayload[0] = mapper.valueToTree(newPayload);
            }

            @Override
            public void rescheduleAfter(Duration delay) {
                rescheduleAt(clock.instant().plus(require(delay, "The delay")));
            }
        });
        String id = job.type() + "/" + job.key();
        if (next[0] != null) {
            jobs.put(
                    id,
                    new Scheduled(job.type(), job.key(), nextPayload[0], next[0], job.recurrence(), job.maxAttempts()));
        } else if (job.recurrence() == null) {
            jobs.remove(id);
        }
    }

    void seal() {
        sealed = true;
    }

    private final class Request implements JobRequest {

        private final String type;
        private final JsonNode payload;
        private String key;
        private int maxAttempts = 5;
        private boolean submitted;

        Request(String type, JsonNode payload) {
            this.type = type;
            this.payload = payload;
        }

        @Override
        public JobRequest key(String key) {
            this.key = requireKey(key);
            return this;
        }

        @Override
        public JobRequest maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be from 1 to 100, not " + maxAttempts + ".");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        @Override
        public JobRequest backoff(Duration initial, Duration max) {
            require(initial, "The initial backoff");
            require(max, "The maximum backoff");
            if (initial.toMillis() < 1 || max.compareTo(initial) < 0 || max.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("The backoff must start at 1 millisecond or more and end at least"
                        + " there and at most at 7 days; got " + initial + " to " + max + ".");
            }
            return this;
        }

        @Override
        public boolean now() {
            return submit(clock.instant(), null);
        }

        @Override
        public boolean at(Instant instant) {
            return submit(require(instant, "The instant"), null);
        }

        @Override
        public boolean after(Duration delay) {
            if (require(delay, "The delay").isNegative()) {
                throw new IllegalArgumentException("The delay must not be negative, not " + delay + ".");
            }
            return submit(clock.instant().plus(delay), null);
        }

        @Override
        public boolean every(Duration delay) {
            if (require(delay, "The delay").compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException(
                        "A recurring job's delay must be at least a second, not " + delay + ".");
            }
            return submit(clock.instant(), "every " + delay);
        }

        @Override
        public boolean cron(String expression, ZoneId zone) {
            require(expression, "The cron expression");
            require(zone, "The zone");
            if (expression.trim().split("\\s+").length != 6) {
                throw new IllegalArgumentException("Cron expression '" + expression + "' is not valid. It has six"
                        + " fields, second minute hour day-of-month month day-of-week, e.g. 0 0 7 * * MON-FRI.");
            }
            return submit(clock.instant(), "cron " + expression + " " + zone.getId());
        }

        private boolean submit(Instant at, String recurrence) {
            if (submitted) {
                throw new IllegalStateException(
                        "This request scheduled its job already: call schedule(..) again for another.");
            }
            submitted = true;
            String jobKey = key == null ? UUID.randomUUID().toString() : key;
            return jobs.putIfAbsent(
                            type + "/" + jobKey, new Scheduled(type, jobKey, payload, at, recurrence, maxAttempts))
                    == null;
        }
    }

    private static String requireType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("Job type '" + type + "' is not valid: use 1 to 64 lower-case"
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. send-digest.");
        }
        return type;
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 200 || key.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "Job key '" + key + "' is not valid: it needs 1 to 200 characters, none a control character.");
        }
        return key;
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null.");
        }
        return value;
    }
}
