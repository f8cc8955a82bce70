package io.metacortex.host.routing;

import io.metacortex.host.errors.ErrorBody;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves {@code /.well-known/caldav} and {@code /.well-known/carddav} (RFC 6764): a {@code 307} to the DAV root of the
 * active plugin that claims the name ({@code MetaCortex-Plugin-Well-Known}), whatever the method, so that a client's
 * {@code PROPFIND} is sent again there with its body; {@code 404} JSON when no plugin claims it.
 */
public final class WellKnownServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    public static final String PATH = "/.well-known";

    private final transient PluginRouter router;

    public WellKnownServlet(PluginRouter router) {
        this.router = router;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        var route = router.claiming(name, null);
        if (route.isEmpty()) {
            new ErrorBody("not found", "No active plugin answers " + PATH + "/" + name + ".")
                    .writeTo(response, HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String target = PluginRouter.basePath(route.get().pluginId())
                + route.get().wellKnown(name).orElseThrow();
        response.setStatus(HttpServletResponse.SC_TEMPORARY_REDIRECT);
        response.setHeader("Location", target);
        response.setHeader("Cache-Control", "no-store");
    }
}
