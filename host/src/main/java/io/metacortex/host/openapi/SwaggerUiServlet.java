package io.metacortex.host.openapi;

import io.dropwizard.servlets.assets.AssetServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Swagger UI at {@code /docs/}, served from the {@code org.webjars:swagger-ui} jar, with its initializer replaced
 * by one that loads {@code /openapi.json}. Nothing is fetched from outside the host.
 */
public final class SwaggerUiServlet extends AssetServlet {

    private static final long serialVersionUID = 1L;
    public static final String PATH = "/docs";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String INITIALIZER = "/swagger-initializer.js";

    private final byte[] initializer;

    public SwaggerUiServlet() {
        super("/" + WEBJAR + webjarVersion(), PATH, "index.html", StandardCharsets.UTF_8);
        initializer = resource("io/metacortex/host/openapi/swagger-initializer.js");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getPathInfo();
        if (path == null) {
            // index.html refers to its assets relatively: they must resolve under /docs/.
            response.sendRedirect(PATH + "/");
        } else if (path.equals(INITIALIZER)) {
            response.setContentType("text/javascript");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Cache-Control", "no-cache");
            response.getOutputStream().write(initializer);
        } else {
            super.doGet(request, response);
        }
    }

    private static String webjarVersion() {
        Properties pom = new Properties();
        try (InputStream in = SwaggerUiServlet.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("The swagger-ui webjar is not on the class path");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static byte[] resource(String name) {
        try (InputStream in = SwaggerUiServlet.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
