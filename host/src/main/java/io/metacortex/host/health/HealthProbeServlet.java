package io.metacortex.host.health;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Liveness and readiness probes on the admin port. {@code /health/live} answers 200 while the process serves
 * requests. {@code /health/ready} runs the host's readiness checks (the host wires {@code database}: PostgreSQL
 * answers; a FAILED plugin does not make the host unready, {@code /healthcheck} reports it) and answers 200, or 503
 * when one is unhealthy, with
 * {@code {"status": "ready"|"not ready", "checks": {name: {"healthy", "message"}}}}. A plugin's own checks
 * ({@code plugin.<id>.*}) are reported by {@code /healthcheck} but do not take the host out of service.
 */
public final class HealthProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";

    private final transient HealthCheckRegistry registry;
    private final transient List<String> readinessChecks;
    private final transient ObjectMapper json = new ObjectMapper();

    public HealthProbeServlet(HealthCheckRegistry registry, List<String> readinessChecks) {
        this.registry = registry;
        this.readinessChecks = List.copyOf(readinessChecks);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        if (LIVE.equals(request.getServletPath())) {
            json.writeValue(response.getOutputStream(), Map.of("status", "alive"));
            return;
        }
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean ready = true;
        for (String name : readinessChecks) {
            HealthCheck.Result result = registry.runHealthCheck(name);
            ready &= result.isHealthy();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("healthy", result.isHealthy());
            if (result.getMessage() != null) {
                entry.put("message", result.getMessage());
            }
            checks.put(name, entry);
        }
        response.setStatus(ready ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        json.writeValue(response.getOutputStream(), Map.of("status", ready ? "ready" : "not ready", "checks", checks));
    }
}
