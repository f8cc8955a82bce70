package io.metacortex.host.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.http.HttpServlet;
import java.util.List;

/**
 * The host's {@link MetricRegistry} in Prometheus' text format. The request metrics of {@link RouteMetrics} become
 * labelled families ({@link RouteMetricsCollector}); every other metric (JVM, connection pool, Jetty, the plugins'
 * own {@code plugins.<id>.*}) goes through Prometheus' Dropwizard bridge, named as in Dropwizard with {@code _} for
 * each dot. Labelled families kept outside the registry (the jobs', the outbound calls') are added as collectors.
 */
public final class PrometheusEndpoint {

    public static final String PATH = "/metrics/prometheus";

    private PrometheusEndpoint() {}

    /** @param collectors labelled families kept outside the registry: the jobs', the plugins' outbound calls */
    public static HttpServlet servlet(MetricRegistry metrics, List<MultiCollector> collectors) {
        PrometheusRegistry registry = new PrometheusRegistry();
        collectors.forEach(registry::register);
        registry.register(new RouteMetricsCollector(metrics));
        DropwizardExports.builder()
                .dropwizardRegistry(metrics)
                .metricFilter((name, metric) -> !RouteMetricsCollector.ROUTE_METRICS.matches(name, metric))
                .register(registry);
        return new PrometheusMetricsServlet(registry);
    }
}
