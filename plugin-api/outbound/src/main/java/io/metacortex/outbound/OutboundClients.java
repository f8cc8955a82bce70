package io.metacortex.outbound;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.metacortex.plugin.api.OutboundHttp;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The plugins' outbound HTTP: hands each plugin a client limited to its declared hosts and guarded by its policy,
 * and keeps each plugin's guards (concurrency limit, a circuit breaker per target host) and metrics until the plugin
 * is uninstalled, across its versions. The clients share one JDK {@link HttpClient} per connect timeout.
 */
public final class OutboundClients {

    private final Function<String, OutboundPolicy> policies;
    private final Clock clock;
    private final OutboundMetrics metrics = new OutboundMetrics();
    private final Map<String, PluginGuards> guards = new ConcurrentHashMap<>();
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    /** @param policies the policy of each plugin, by id */
    public OutboundClients(Function<String, OutboundPolicy> policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    /** @param hosts the host names (or {@code *.domain} patterns) the plugin declared, lower case */
    public OutboundHttp client(String pluginId, Set<String> hosts) {
        return new OutboundClient(
                guards.computeIfAbsent(pluginId, this::newGuards),
                metrics,
                clock,
                Collections.unmodifiableSortedSet(new TreeSet<>(hosts)));
    }

    /** Drops the plugin's breakers and metrics: it was uninstalled. */
    public void forget(String pluginId) {
        guards.remove(pluginId);
        metrics.forget(pluginId);
    }

    /** @return every plugin's circuit breakers, by plugin and host */
    public List<Circuit> circuits() {
        List<Circuit> circuits = new ArrayList<>();
        guards.forEach((plugin, own) ->
                own.breakers().forEach((host, breaker) -> circuits.add(Circuit.of(plugin, host, breaker))));
        circuits.sort(Comparator.comparing(Circuit::plugin).thenComparing(Circuit::host));
        return circuits;
    }

    /** @return the Prometheus families of the outbound calls (see {@link OutboundMetricsCollector}) */
    public MultiCollector collector() {
        return new OutboundMetricsCollector(metrics, this);
    }

    /** The plugins' concurrency limits: id to calls in flight and limit. */
    Map<String, PluginGuards> guards() {
        return guards;
    }

    private PluginGuards newGuards(String pluginId) {
        OutboundPolicy policy = policies.apply(pluginId);
        return new PluginGuards(
                pluginId, policy, clients.computeIfAbsent(policy.connectTimeout(), OutboundClients::newClient));
    }

    /**
     * A client made on a plugin's first call, while the plugin's class loader may be the thread's context class
     * loader: its threads (the selector, the workers) get the host's instead, so that they neither keep the plugin's
     * classes in memory nor count as the plugin's threads once it stopped.
     */
    private static HttpClient newClient(Duration connectTimeout) {
        ClassLoader host = OutboundClients.class.getClassLoader();
        AtomicInteger workers = new AtomicInteger();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(host);
        try {
            return HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    // A redirect could lead to a host the plugin did not declare.
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(Executors.newCachedThreadPool(task -> {
                        Thread worker = new Thread(task, "outbound-http-" + workers.incrementAndGet());
                        worker.setDaemon(true);
                        worker.setContextClassLoader(host);
                        return worker;
                    }))
                    .build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * A circuit breaker as an admin sees it.
     *
     * @param state {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
     * @param failureRate the share of failed calls among the latest, in percent; -1 until the window has enough
     * @param calls how many of the latest calls the window holds
     * @param failedCalls how many of them failed
     */
    public record Circuit(String plugin, String host, String state, float failureRate, int calls, int failedCalls) {

        static Circuit of(String plugin, String host, CircuitBreaker breaker) {
            CircuitBreaker.Metrics m = breaker.getMetrics();
            return new Circuit(
                    plugin,
                    host,
                    breaker.getState().name(),
                    m.getFailureRate(),
                    m.getNumberOfBufferedCalls(),
                    m.getNumberOfFailedCalls());
        }
    }
}
