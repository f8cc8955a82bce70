package io.metacortex.plugin.testing;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import io.metacortex.executor.PluginExecutor;
import io.metacortex.outbound.OutboundClients;
import io.metacortex.outbound.OutboundPolicy;
import io.metacortex.plugin.api.OutboundHttp;
import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.api.PluginManifest;
import io.metacortex.plugin.api.PluginPermissionException;
import io.metacortex.plugin.api.PluginPermissions;
import io.metacortex.plugin.api.SecretStore;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.api.UserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.jdbi.v3.core.Jdbi;

/**
 * A real {@link PluginContext} for a plugin's tests, behaving as the host's: {@link #jdbi()} connects as the
 * installed plugin does ({@link PluginDatabase#pluginJdbi}, with {@code app.user_id} set to the user of
 * {@link #actAs}); resources and services can only be registered during {@link #start}; {@link #users()},
 * {@link #secrets()} and {@link #http()} throw the host's {@link PluginPermissionException} unless the permission was
 * {@link #grant granted}, and {@link #http()} refuses hosts that were not declared; it is the host's own outbound
 * client, with its timeouts, retries, circuit breakers and concurrency limit ({@link #outboundPolicy}). What the
 * plugin registers is kept
 * for assertions: {@link #resources()}, {@link #healthChecks()}, {@link #provided}, {@link #serviceLookups()}.
 *
 * <pre>{@code
 * TestPluginContext context = TestPluginContext.of(DB.database()).grant(PluginPermissions.USERS_READ)
 *         .withUsers(TestUsers.ALICE).offer(TaskDirectory.class, tasks);
 * context.start(new HabitsPlugin());
 * assertThat(context.resources()).hasExactlyElementsOfTypes(HabitResource.class, ApiExceptionMapper.class);
 * }</pre>
 *
 * <p>Set the context up before the plugin uses it; the set-up methods return the context.
 */
public final class TestPluginContext implements PluginContext {

    private final String pluginId;
    private final PluginDatabase database;
    private final Jdbi jdbi;
    private final MetricRegistry metrics = new MetricRegistry();
    private final List<Object> resources = new CopyOnWriteArrayList<>();
    private final Map<String, HealthCheck> healthChecks = new ConcurrentHashMap<>();
    private final List<Offer<?>> provided = new CopyOnWriteArrayList<>();
    private final List<Offer<?>> offeredByOthers = new CopyOnWriteArrayList<>();
    private final List<Class<?>> serviceLookups = new CopyOnWriteArrayList<>();
    private final Set<String> permissions = ConcurrentHashMap.newKeySet();
    private final Set<String> outboundHosts = ConcurrentHashMap.newKeySet();
    private final Map<UUID, User> users = new ConcurrentHashMap<>();
    private final Map<String, String> secretValues = new ConcurrentHashMap<>();
    private final Map<UUID, Map<String, Object>> userSettings = new ConcurrentHashMap<>();
    private volatile Map<String, Object> defaultUserSettings = Map.of();
    private volatile Map<String, String> configuration = Map.of();
    private volatile String version = "1.0.0";
    private volatile UUID currentUser;
    private volatile boolean started;
    private OutboundPolicy outboundPolicy = OutboundPolicy.defaults();
    private OutboundClients outbound;
    private final TestJobs jobs = new TestJobs(java.time.Clock.systemUTC());
    private final TestEvents events;
    private PluginExecutor executor;
    private int executorThreads = PluginExecutor.DEFAULT_THREADS;
    private Duration stopTimeout = Duration.ofSeconds(5);

    private TestPluginContext(String pluginId, PluginDatabase database) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.database = database;
        this.jdbi = database == null ? null : database.pluginJdbi(() -> currentUser);
        this.events = new TestEvents(pluginId, () -> this.jdbi, java.time.Clock.systemUTC());
    }

    /** @return a context for the plugin of {@code database}, whose {@link #jdbi()} connects to it as the plugin */
    public static TestPluginContext of(PluginDatabase database) {
        return new TestPluginContext(database.pluginId(), database);
    }

    /** @return a context without a database, for a plugin (or a part of one) that does not use {@link #jdbi()} */
    public static TestPluginContext of(String pluginId) {
        return new TestPluginContext(pluginId, null);
    }

    /** Sets the version {@link #version()} reports (default {@code 1.0.0}). */
    public TestPluginContext version(String version) {
        this.version = Objects.requireNonNull(version, "version");
        return this;
    }

    /** Sets the host configuration's settings for the plugin ({@code plugins.settings.<id>}). */
    public TestPluginContext configuration(Map<String, String> settings) {
        this.configuration = Map.copyOf(settings);
        return this;
    }

    /**
     * Grants permissions, as declared in {@value PluginManifest#PLUGIN_PERMISSIONS} and accepted by the admin:
     * {@value PluginPermissions#USERS_READ}, {@value PluginPermissions#SECRETS}; for
     * {@value PluginPermissions#HTTP_OUTBOUND} use {@link #allowHosts}.
     */
    public TestPluginContext grant(String... permissions) {
        this.permissions.addAll(List.of(permissions));
        return this;
    }

    /**
     * Grants {@value PluginPermissions#HTTP_OUTBOUND} for the given hosts, e.g. {@code api.example.com} or
     * {@code *.example.org} (any subdomain).
     */
    public TestPluginContext allowHosts(String... hosts) {
        permissions.add(PluginPermissions.HTTP_OUTBOUND);
        for (String host : hosts) {
            outboundHosts.add(host.toLowerCase(Locale.ROOT));
        }
        return this;
    }

    /** Adds users to the directory {@link #users()} looks them up in. */
    public TestPluginContext withUsers(User... users) {
        for (User user : users) {
            this.users.put(user.id(), user);
        }
        return this;
    }

    /** Sets what {@link #userSettings} answers for users without settings of their own (default: none). */
    public TestPluginContext withDefaultUserSettings(Map<String, Object> settings) {
        this.defaultUserSettings = Map.copyOf(settings);
        return this;
    }

    /** Sets what {@link #userSettings} answers for {@code userId}: their choices over the defaults. */
    public TestPluginContext withUserSettings(UUID userId, Map<String, Object> settings) {
        userSettings.put(userId, Map.copyOf(settings));
        return this;
    }

    /** Offers {@code service} under {@code type} as another active plugin would; {@link #services} lists it. */
    public <S> TestPluginContext offer(Class<S> type, S service) {
        offeredByOthers.add(new Offer<>(type, service));
        return this;
    }

    /**
     * Makes {@code user} the user the plugin's work is done for, as the host does for a request: {@link #jdbi()}'s
     * connections opened from now on carry it as {@code app.user_id}. Null: no user, as outside a request.
     */
    public TestPluginContext actAs(UUID user) {
        this.currentUser = user;
        return this;
    }

    /**
     * Starts the plugin as the host does: {@link Plugin#start} with this context, after which resources and services
     * can no longer be registered.
     */
    public TestPluginContext start(Plugin plugin) throws Exception {
        try {
            plugin.start(this);
        } finally {
            started = true;
            jobs.seal();
            events.seal();
        }
        return this;
    }

    /**
     * Stops the plugin as the host does: {@link Plugin#stop}, then {@link #executor()} is shut down (scheduled tasks
     * dropped, running ones interrupted) and its threads are given {@link #stopTimeout} to end.
     *
     * @throws IllegalStateException when a task of the executor is still running after that: the host would report
     *     its thread to the admin as a leftover, and keep the plugin's classes in memory while it runs
     */
    public TestPluginContext stop(Plugin plugin) throws Exception {
        try {
            plugin.stop();
        } finally {
            PluginExecutor pool = stoppedExecutor();
            if (pool != null && !pool.shutdownNowAndWait(stopTimeout)) {
                throw new IllegalStateException("A task of plugin " + pluginId + "'s executor still runs "
                        + stopTimeout.toMillis() + " ms after stop: it ignores its interrupt");
            }
        }
        return this;
    }

    /** Sets the size of {@link #executor()}'s pool, as {@code plugins.threadsPerPlugin} does on a host. */
    public synchronized TestPluginContext executorThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("executorThreads must be at least 1, not " + threads);
        }
        this.executorThreads = threads;
        return this;
    }

    /** Sets how long {@link #stop} waits for the executor's tasks to end after their interrupt (default 5 s). */
    public TestPluginContext stopTimeout(Duration timeout) {
        this.stopTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    private synchronized PluginExecutor stoppedExecutor() {
        PluginExecutor pool = executor;
        if (pool == null) {
            // Nothing ran on it; later calls get a pool that refuses work, as after a host's stop.
            pool = new PluginExecutor(pluginId, null, 1);
            executor = pool;
        }
        return pool;
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public void registerResource(Object component) {
        Objects.requireNonNull(component, "component");
        if (started) {
            throw new IllegalStateException("Resources can only be registered during Plugin.start");
        }
        resources.add(component);
    }

    @Override
    public void registerHealthCheck(String name, HealthCheck check) {
        Objects.requireNonNull(check, "check");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A health check needs a name");
        }
        if (healthChecks.putIfAbsent(name, check) != null) {
            throw new IllegalArgumentException("Plugin " + pluginId + " already registered health check " + name);
        }
    }

    /**
     * @throws IllegalStateException for a context made {@linkplain #of(String) without a database}
     */
    @Override
    public Jdbi jdbi() {
        if (jdbi == null) {
            throw new IllegalStateException("This context has no database: make it with TestPluginContext.of("
                    + "PluginDatabase) for a plugin that uses jdbi()");
        }
        return jdbi;
    }

    @Override
    public MetricRegistry metrics() {
        return metrics;
    }

    @Override
    public UserDirectory users() {
        require(PluginPermissions.USERS_READ);
        return id -> Optional.ofNullable(users.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public SecretStore secrets() {
        require(PluginPermissions.SECRETS);
        return new SecretStore() {
            @Override
            public void put(String name, String value) {
                if (name == null || name.isBlank() || value == null) {
                    throw new IllegalArgumentException("A secret needs a name and a value");
                }
                secretValues.put(name, value);
            }

            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(secretValues.get(name));
            }

            @Override
            public boolean delete(String name) {
                return secretValues.remove(name) != null;
            }
        };
    }

    @Override
    public OutboundHttp http() {
        require(PluginPermissions.HTTP_OUTBOUND);
        return outbound().client(pluginId, Set.copyOf(outboundHosts));
    }

    /**
     * Sets the policy of {@link #http()}, as {@code http.outbound} sets it on a host, e.g. shorter waits for a test
     * of retries or of the circuit breaker: {@code OutboundPolicy.builder().backoff(ofMillis(10), ofMillis(50))
     * .build()}. The default is the host's default.
     */
    public synchronized TestPluginContext outboundPolicy(OutboundPolicy policy) {
        this.outboundPolicy = Objects.requireNonNull(policy, "policy");
        this.outbound = null;
        return this;
    }

    /** @return the host's outbound client behind {@link #http()}: its circuit breakers, for assertions */
    public synchronized OutboundClients outbound() {
        if (outbound == null) {
            OutboundPolicy policy = outboundPolicy;
            outbound = new OutboundClients(id -> policy, Clock.systemUTC());
        }
        return outbound;
    }

    @Override
    public Map<String, Object> userSettings(UUID userId) {
        Objects.requireNonNull(userId, "userId");
        Map<String, Object> settings = new LinkedHashMap<>(defaultUserSettings);
        settings.putAll(userSettings.getOrDefault(userId, Map.of()));
        return Map.copyOf(settings);
    }

    @Override
    public <S> void provideService(Class<S> type, S service) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(service, "service");
        if (started) {
            throw new IllegalStateException("Services can only be offered during Plugin.start");
        }
        if (!type.isInstance(service)) {
            throw new IllegalArgumentException(service.getClass().getName() + " does not implement " + type.getName());
        }
        provided.add(new Offer<>(type, service));
    }

    /** @return the services {@linkplain #offer offered} under {@code type}, in the order they were offered */
    @Override
    public <S> List<S> services(Class<S> type) {
        Objects.requireNonNull(type, "type");
        serviceLookups.add(type);
        return servicesOf(offeredByOthers, type);
    }

    /** @return the plugin's jobs, kept in memory: see {@link TestJobs} to run them and look at what is scheduled */
    @Override
    public TestJobs jobs() {
        return jobs;
    }

    /**
     * @return the plugin's events, kept in memory: see {@link TestEvents} for what it published and to deliver
     *     other plugins' events to its handlers
     */
    @Override
    public TestEvents events() {
        return events;
    }

    /**
     * @return the plugin's executor, the host's ({@code plugin-<id>-<n>} daemon threads, the plugin in the MDC, failed
     *     tasks logged), of {@link #executorThreads} threads; {@link #stop} shuts it down
     */
    @Override
    public synchronized ScheduledExecutorService executor() {
        if (executor == null) {
            executor = new PluginExecutor(pluginId, Thread.currentThread().getContextClassLoader(), executorThreads);
        }
        return executor;
    }

    @Override
    public Map<String, String> configuration() {
        return configuration;
    }

    /** @return the JAX-RS components the plugin registered, in order */
    public List<Object> resources() {
        return List.copyOf(resources);
    }

    /** @return the health checks the plugin registered, by the name it gave (the host adds {@code plugin.<id>.}) */
    public Map<String, HealthCheck> healthChecks() {
        return Map.copyOf(healthChecks);
    }

    /** @return the services the plugin offered under {@code type}, in order */
    public <S> List<S> provided(Class<S> type) {
        return servicesOf(provided, type);
    }

    /** @return the types the plugin offered services under, in order */
    public List<Class<?>> providedTypes() {
        return provided.stream().<Class<?>>map(Offer::type).toList();
    }

    /** @return the types the plugin looked services up by ({@link #services}), in order */
    public List<Class<?>> serviceLookups() {
        return List.copyOf(serviceLookups);
    }

    /** @return the database behind {@link #jdbi()}, if any */
    public Optional<PluginDatabase> database() {
        return Optional.ofNullable(database);
    }

    private void require(String permission) {
        if (!permissions.contains(permission)) {
            throw new PluginPermissionException("Plugin " + pluginId + " did not declare the permission " + permission
                    + " (" + PluginManifest.PLUGIN_PERMISSIONS + ").");
        }
    }

    private static <S> List<S> servicesOf(List<Offer<?>> offers, Class<S> type) {
        List<S> services = new ArrayList<>();
        for (Offer<?> offer : offers) {
            if (offer.type().equals(type)) {
                services.add(type.cast(offer.service()));
            }
        }
        return List.copyOf(services);
    }

    private record Offer<S>(Class<S> type, S service) {}
}
