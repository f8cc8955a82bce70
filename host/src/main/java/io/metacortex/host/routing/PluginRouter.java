package io.metacortex.host.routing;

import io.metacortex.host.errors.ErrorBody;
import io.metacortex.host.errors.UnexpectedExceptionMapper;
import io.metacortex.host.identity.Authentication;
import io.metacortex.host.identity.RequestUser;
import io.metacortex.host.metrics.RouteMetrics;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves {@code /api/<plugin-id>/...} by handing each request to the plugin's current {@link PluginRoute}. Routes
 * are swapped one plugin at a time and atomically: a request either runs on the old version to completion or on
 * the new one, and requests to other plugins never wait. While a plugin handles a request, the SLF4J MDC holds its
 * id under {@value #MDC_KEY}, so every log line written for the request names the plugin.
 *
 * <p>Each plugin serves at most its share of requests at once (its routes may hang): beyond it a request is answered
 * {@code 503 plugin busy} at once, with {@code Retry-After}, and counted as route {@value #BUSY_ROUTE} in the
 * request metrics. The other plugins and the host's own APIs keep the rest of the server's threads.
 */
public final class PluginRouter extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PluginRouter.class);
    public static final String BASE = "/api";
    public static final String MDC_KEY = "plugin";
    /** The route label of requests refused because their plugin was serving its limit. */
    public static final String BUSY_ROUTE = "busy";
    /** Without a limit given: as many requests at once as a server has threads by default. */
    private static final int UNLIMITED = 1024;

    private final transient ConcurrentMap<String, PluginRoute> routes = new ConcurrentHashMap<>();
    private final transient RouteGate gate;
    /** Plugins whose requests wait at the door while the host re-wires them, with the latch that lets them in. */
    private final transient ConcurrentMap<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    private final transient Duration holdTimeout;
    /** Requests each plugin may have in flight, by plugin id, shared by its versions. */
    private final transient ConcurrentMap<String, Semaphore> permits = new ConcurrentHashMap<>();

    private final int maxConcurrentRequests;
    private final transient RouteMetrics metrics;

    /** A router that serves every plugin's routes to everyone they admit. */
    public PluginRouter() {
        this(RouteGate.OPEN, Duration.ofSeconds(30));
    }

    /**
     * @param gate hides a plugin's routes from some callers, e.g. users who turned the module off
     * @param holdTimeout how long a request waits for a plugin being re-wired before it is served anyway
     */
    public PluginRouter(RouteGate gate, Duration holdTimeout) {
        this(gate, holdTimeout, UNLIMITED, null);
    }

    /**
     * @param maxConcurrentRequests how many requests each plugin may serve at once; more are answered 503
     * @param metrics where refused requests are counted (route {@value #BUSY_ROUTE}); null for nowhere
     */
    public PluginRouter(RouteGate gate, Duration holdTimeout, int maxConcurrentRequests, RouteMetrics metrics) {
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
        }
        this.gate = gate;
        this.holdTimeout = holdTimeout;
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.metrics = metrics;
    }

    /**
     * Makes new requests to these plugins wait, and waits until the requests they are serving have completed: the
     * host is about to replace them, and their current versions must not run while it does. Closing the hold lets
     * the waiting requests through to whatever route each plugin has then.
     */
    public Hold hold(Collection<String> pluginIds) {
        CountDownLatch latch = new CountDownLatch(1);
        List<String> held = pluginIds.stream()
                .filter(id -> holds.putIfAbsent(id, latch) == null)
                .toList();
        for (String id : held) {
            PluginRoute route = routes.get(id);
            if (route != null && !route.awaitIdle(holdTimeout)) {
                LOG.warn("Plugin {} still had requests in flight after {}; re-wiring it anyway", id, holdTimeout);
            }
        }
        return () -> {
            held.forEach(id -> holds.remove(id, latch));
            latch.countDown();
        };
    }

    /** Lets the requests held by {@link #hold} through. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** Routes the plugin's requests to {@code route}; @return the route it replaces, if any */
    public Optional<PluginRoute> publish(PluginRoute route) {
        return Optional.ofNullable(routes.put(route.pluginId(), route));
    }

    /** Stops routing requests to the plugin; @return its route, if it had one */
    public Optional<PluginRoute> withdraw(String pluginId) {
        permits.remove(pluginId);
        return Optional.ofNullable(routes.remove(pluginId));
    }

    /**
     * @return the plugin whose route answers the RFC 6764 name (at most one: the lifecycle refuses a second claim),
     *     other than {@code except}
     */
    public Optional<PluginRoute> claiming(String wellKnownName, String except) {
        return routes.values().stream()
                .filter(route -> !route.pluginId().equals(except))
                .filter(route -> route.wellKnown(wellKnownName).isPresent())
                .findFirst();
    }

    public static String basePath(String pluginId) {
        return BASE + "/" + pluginId;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        int end = pathInfo.indexOf('/', 1);
        String pluginId = end < 0 ? pathInfo.substring(Math.min(1, pathInfo.length())) : pathInfo.substring(1, end);
        String rest = end < 0 ? null : pathInfo.substring(end);
        if (routes.containsKey(pluginId) && !gate.admits(request, pluginId)) {
            turnedOff(response, pluginId);
            return;
        }
        PluginRoute route = enter(pluginId);
        if (route == null) {
            notFound(response, pluginId);
            return;
        }
        Semaphore share = permits.computeIfAbsent(pluginId, id -> new Semaphore(maxConcurrentRequests));
        if (!share.tryAcquire()) {
            route.exit();
            busy(request, response, pluginId);
            return;
        }
        MDC.put(MDC_KEY, pluginId);
        try {
            Object authentication = request.getAttribute(Authentication.ATTRIBUTE);
            UUID previous = RequestUser.enter(
                    authentication instanceof Authentication a ? a.user().id() : null);
            try {
                route.service(new PluginRequest(request, BASE + "/" + pluginId, rest), response);
            } catch (RuntimeException | ServletException | Error e) {
                failed(response, pluginId, e);
            } finally {
                RequestUser.restore(previous);
            }
        } finally {
            MDC.remove(MDC_KEY);
            share.release();
            route.exit();
        }
    }

    /**
     * Answers what escaped the plugin's Jersey container (an Error in the plugin's own exception mapper, a
     * LinkageError or OutOfMemoryError where Jersey does not map it) with the host's 500 JSON, as the container's
     * mappers answer the rest; the thread serving the request lives on. Once the response is committed, the error is
     * logged only.
     */
    private static void failed(HttpServletResponse response, String pluginId, Throwable e) throws IOException {
        ErrorBody body = UnexpectedExceptionMapper.logged("plugin " + pluginId, e);
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        body.writeTo(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    }

    /** @return the plugin's route, entered, once no hold keeps it; null when the plugin has no route */
    private PluginRoute enter(String pluginId) {
        while (true) {
            awaitHold(pluginId);
            PluginRoute route = routes.get(pluginId);
            if (route == null) {
                return null;
            }
            if (route.tryEnter()) {
                // Entered before a hold was placed: the holder waits for this request; after: step back and wait.
                if (!holds.containsKey(pluginId)) {
                    return route;
                }
                route.exit();
            }
        }
    }

    private void awaitHold(String pluginId) {
        CountDownLatch hold = holds.get(pluginId);
        if (hold == null) {
            return;
        }
        try {
            if (!hold.await(holdTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "A request to plugin {} waited {} for its re-wiring; serving it anyway", pluginId, holdTimeout);
                holds.remove(pluginId, hold);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            holds.remove(pluginId, hold);
        }
    }

    private void notFound(HttpServletResponse response, String pluginId) throws IOException {
        ErrorBody body = pluginId.isEmpty()
                ? new ErrorBody("not found", "Plugin routes are /api/<plugin-id>/...")
                : new ErrorBody(
                        "not found",
                        "No active plugin serves " + basePath(pluginId)
                                + "; GET /admin/plugins lists the installed ones.");
        body.writeTo(response, HttpServletResponse.SC_NOT_FOUND);
    }

    private void busy(HttpServletRequest request, HttpServletResponse response, String pluginId) throws IOException {
        if (metrics != null) {
            metrics.record(
                    pluginId,
                    request.getMethod(),
                    BUSY_ROUTE,
                    HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    Duration.ZERO);
        }
        response.setHeader("Retry-After", "1");
        new ErrorBody(
                        "plugin busy",
                        "Plugin " + pluginId + " is serving as many requests as it may at once ("
                                + maxConcurrentRequests + "); retry later.")
                .writeTo(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }

    private void turnedOff(HttpServletResponse response, String pluginId) throws IOException {
        new ErrorBody(
                        "not found",
                        "The module " + pluginId + " is off for you; PUT /api/me/modules/" + pluginId
                                + " with {\"enabled\": true} turns it on.")
                .writeTo(response, HttpServletResponse.SC_NOT_FOUND);
    }

    /** Presents the plugin's base path as the servlet path, so Jersey resolves resources relative to it. */
    private static final class PluginRequest extends HttpServletRequestWrapper {

        private final String servletPath;
        private final String pathInfo;

        PluginRequest(HttpServletRequest request, String servletPath, String pathInfo) {
            super(request);
            this.servletPath = servletPath;
            this.pathInfo = pathInfo;
        }

        @Override
        public String getServletPath() {
            return servletPath;
        }

        @Override
        public String getPathInfo() {
            return pathInfo;
        }
    }
}
