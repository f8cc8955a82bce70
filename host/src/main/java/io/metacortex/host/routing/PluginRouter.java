package io.metacortex.host.routing;

import io.metacortex.host.errors.ErrorBody;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import io.metacortex.host.identity.Authentication;
import io.metacortex.host.identity.RequestUser;
import org.slf4j.MDC;

/**
 * Serves {@code /api/<plugin-id>/...} by handing each request to the plugin's current {@link PluginRoute}. Routes
 * are swapped one plugin at a time and atomically: a request either runs on the old version to completion or on
 * the new one, and requests to other plugins never wait. While a plugin handles a request, the SLF4J MDC holds its
 * id under {@value #MDC_KEY}, so every log line written for the request names the plugin.
 */
public final class PluginRouter extends HttpServlet {

    private static final long serialVersionUID = 1L;
    public static final String BASE = "/api";
    public static final String MDC_KEY = "plugin";

    private final transient ConcurrentMap<String, PluginRoute> routes = new ConcurrentHashMap<>();
    private final transient RouteGate gate;

    /** A router that serves every plugin's routes to everyone they admit. */
    public PluginRouter() {
        this(RouteGate.OPEN);
    }

    /** @param gate hides a plugin's routes from some callers, e.g. users who turned the module off */
    public PluginRouter(RouteGate gate) {
        this.gate = gate;
    }

    /** Routes the plugin's requests to {@code route}; @return the route it replaces, if any */
    public Optional<PluginRoute> publish(PluginRoute route) {
        return Optional.ofNullable(routes.put(route.pluginId(), route));
    }

    /** Stops routing requests to the plugin; @return its route, if it had one */
    public Optional<PluginRoute> withdraw(String pluginId) {
        return Optional.ofNullable(routes.remove(pluginId));
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
        PluginRoute route;
        do {
            route = routes.get(pluginId);
            if (route == null) {
                notFound(response, pluginId);
                return;
            }
        } while (!route.tryEnter());
        MDC.put(MDC_KEY, pluginId);
        try {
            Object authentication = request.getAttribute(Authentication.ATTRIBUTE);
            UUID previous = RequestUser.enter(authentication instanceof Authentication a ? a.user().id() : null);
            try {
                route.service(new PluginRequest(request, BASE + "/" + pluginId, rest), response);
            } finally {
                RequestUser.restore(previous);
            }
        } finally {
            MDC.remove(MDC_KEY);
            route.exit();
        }
    }

    private void notFound(HttpServletResponse response, String pluginId) throws IOException {
        ErrorBody body = pluginId.isEmpty()
                ? new ErrorBody("not found", "Plugin routes are /api/<plugin-id>/...")
                : new ErrorBody("not found", "No active plugin serves " + basePath(pluginId)
                        + "; GET /admin/plugins lists the installed ones.");
        body.writeTo(response, HttpServletResponse.SC_NOT_FOUND);
    }

    private void turnedOff(HttpServletResponse response, String pluginId) throws IOException {
        new ErrorBody("not found", "The module " + pluginId + " is off for you; PUT /api/me/modules/" + pluginId
                + " with {\"enabled\": true} turns it on.").writeTo(response, HttpServletResponse.SC_NOT_FOUND);
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
