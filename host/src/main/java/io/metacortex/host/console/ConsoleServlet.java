package io.metacortex.host.console;

import io.dropwizard.servlets.assets.AssetServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The admin console at {@code /console/}: a static page and its script, from this package's {@code assets}, which
 * call the admin API from the same origin with the token the admin enters (kept in the tab's session storage). Its
 * content security policy lets the page load its own script and style and talk to its own origin, nothing else.
 */
public final class ConsoleServlet extends AssetServlet {

    private static final long serialVersionUID = 1L;
    public static final String PATH = "/console";
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    public ConsoleServlet() {
        super("/io/metacortex/host/console/assets", PATH, "index.html", StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-cache");
        if (request.getPathInfo() == null) {
            // The page refers to its script and style relatively: they resolve under /console/.
            response.sendRedirect(PATH + "/");
        } else {
            super.doGet(request, response);
        }
    }
}
