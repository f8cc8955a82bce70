package io.metacortex.host.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ExtendedUriInfo;
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
                int status = response == null ? 500 : response.getStatus();
                metrics.record(
                        pluginId,
                        event.getContainerRequest().getMethod(),
                        route(event.getUriInfo()),
                        status,
                        Duration.ofNanos(System.nanoTime() - started));
            }
        };
    }

    /** @return the matched template under the plugin's base path, e.g. {@code /api/tasks/{id}} */
    String route(ExtendedUriInfo uriInfo) {
        if (uriInfo == null || uriInfo.getMatchedResourceMethod() == null) {
            return RouteMetrics.UNMATCHED;
        }
        List<UriTemplate> templates = new ArrayList<>(uriInfo.getMatchedTemplates());
        StringBuilder path = new StringBuilder(basePath);
        for (int i = templates.size() - 1; i >= 0; i--) {
            path.append('/').append(templates.get(i).getTemplate());
        }
        String route = path.toString().replaceAll("/{2,}", "/");
        return route.length() > 1 && route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
    }
}
