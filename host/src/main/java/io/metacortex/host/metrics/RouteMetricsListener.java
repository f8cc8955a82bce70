package io.metacortex.host.metrics;

import static io.metacortex.host.metrics.RouteMetrics.UNMATCHED;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Registered by the host in each plugin's Jersey container: times every request and records it under the
 * resource template it matched, so the plugin needs to do nothing.
 */
public final class RouteMetricsListener implements ApplicationEventListener {

    private final RouteMetrics metrics;
    private final String pluginId;
    private final String basePath;
    /** The metrics of each route this container served: its requests do not build or look up metric names. */
    private final Map<Key, RouteMetrics.Route> routes = new ConcurrentHashMap<>();

    public RouteMetricsListener(RouteMetrics metrics, String pluginId, String basePath) {
        this.metrics = metrics;
        this.pluginId = pluginId;
        this.basePath = basePath;
    }

    @Override
    public void onEvent(ApplicationEvent event) {
        // Nothing to do at the application level.
    }

    @Override
    public RequestEventListener onRequest(RequestEvent start) {
        long started = System.nanoTime();
        return event -> {
            if (event.getType() == RequestEvent.Type.FINISHED) {
                ContainerResponse response = event.getContainerResponse();
                routeOf(event.getContainerRequest().getMethod(), event.getUriInfo())
                        .record(response == null ? 500 : response.getStatus(), System.nanoTime() - started);
            }
        };
    }

    private RouteMetrics.Route routeOf(String method, ExtendedUriInfo uriInfo) {
        ResourceMethod matched = uriInfo == null ? null : uriInfo.getMatchedResourceMethod();
        if (matched == null) {
            return routes.computeIfAbsent(new Key(method, null), key -> metrics.route(pluginId, method, UNMATCHED));
        }
        if (!uriInfo.getMatchedResourceLocators().isEmpty()) {
            // Reached through a sub-resource locator, whose resource models Jersey may build anew: key by the route.
            String route = route(uriInfo);
            return routes.computeIfAbsent(new Key(method, route), key -> metrics.route(pluginId, method, route));
        }
        return routes.computeIfAbsent(new Key(method, matched), key -> metrics.route(pluginId, method, route(uriInfo)));
    }

    /** A request method with the resource method it matched (or its route, or null when none matched). */
    private record Key(String method, Object route) {}

    /** @return the matched template under the plugin's base path, e.g. {@code /api/tasks/{id}} */
    String route(ExtendedUriInfo uriInfo) {
        if (uriInfo == null || uriInfo.getMatchedResourceMethod() == null) {
            return UNMATCHED;
        }
        List<UriTemplate> templates = uriInfo.getMatchedTemplates();
        StringBuilder path = new StringBuilder(basePath);
        for (int i = templates.size() - 1; i >= 0; i--) {
            String template = templates.get(i).getTemplate();
            // Templates begin or end with '/' or not: join them with exactly one.
            int from = template.startsWith("/") ? 1 : 0;
            int to = template.endsWith("/") && template.length() > from ? template.length() - 1 : template.length();
            if (from < to) {
                path.append('/').append(template, from, to);
            }
        }
        return path.toString();
    }
}
