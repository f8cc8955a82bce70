package io.metacortex.host.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.jackson.JacksonMessageBodyProvider;
import io.dropwizard.jersey.validation.HibernateValidationBinder;
import io.dropwizard.jersey.validation.Validators;
import io.metacortex.host.errors.EmptyServerErrorFilter;
import io.metacortex.host.errors.HostExceptionMapper;
import io.metacortex.host.errors.JsonProcessingExceptionMapper;
import io.metacortex.host.errors.PluginPermissionExceptionMapper;
import io.metacortex.host.errors.UnexpectedExceptionMapper;
import io.metacortex.host.errors.ViolationExceptionMapper;
import io.metacortex.host.errors.WebApplicationExceptionMapper;
import io.metacortex.host.identity.ApiAccessFilter;
import io.metacortex.host.identity.UserBinder;
import io.metacortex.host.metrics.RouteMetrics;
import io.metacortex.host.metrics.RouteMetricsListener;
import io.metacortex.plugin.support.json.PluginJson;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.validation.ValidatorFactory;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Builds the Jersey container of one plugin version, guarded by {@link ApiAccessFilter} (authenticated unless
 * {@code @PublicRoute}, {@code @RolesAllowed} honoured, {@code @Context User} injectable). Each container has its
 * own ObjectMapper and Validator: a shared one would cache the plugin's classes beyond its uninstall, and
 * Dropwizard's default mapper generates accessor classes (Blackbird) that a plugin's class loader cannot see.
 * Each container also records its requests in the host's {@link RouteMetrics}.
 */
public final class PluginContainerFactory {

    private final ServletContext servletContext;
    private final int maxJsonNestingDepth;
    private final RouteMetrics routeMetrics;

    /** @param maxJsonNestingDepth how deeply request bodies may nest objects and arrays */
    public PluginContainerFactory(ServletContext servletContext, RouteMetrics routeMetrics, int maxJsonNestingDepth) {
        this.servletContext = servletContext;
        this.routeMetrics = routeMetrics;
        this.maxJsonNestingDepth = maxJsonNestingDepth;
    }

    /** @return where the containers record their requests */
    public RouteMetrics routeMetrics() {
        return routeMetrics;
    }

    /**
     * @param components the JAX-RS resources and providers the plugin registered, instances or classes
     * @throws ServletException when Jersey cannot build the application (e.g. an invalid resource)
     */
    public PluginRoute create(String pluginId, String version, List<Object> components) throws ServletException {
        return create(pluginId, version, components, null, RouteCapabilities.NONE);
    }

    /**
     * @param classLoader the plugin's class loader, the context class loader while it serves a request (null: the
     *     host's own routes, which keep the thread's)
     * @param capabilities whether the routes marked {@code @BasicAuthRoute} accept HTTP Basic (permission
     *     {@code http:basic}), and the well-known names the plugin answers
     * @throws ServletException when Jersey cannot build the application (e.g. an invalid resource)
     */
    public PluginRoute create(
            String pluginId,
            String version,
            List<Object> components,
            ClassLoader classLoader,
            RouteCapabilities capabilities)
            throws ServletException {
        ValidatorFactory validatorFactory = Validators.newValidatorFactory();
        ResourceConfig config =
                configuration(pluginId, version, components, validatorFactory, capabilities.basicAuth());
        ServletContainer container = new ServletContainer(config) {
            private static final long serialVersionUID = 1L;

            @Override
            public void destroy() {
                super.destroy();
                validatorFactory.close();
            }
        };
        container.init(new PluginServletConfig("plugin-" + pluginId, servletContext));
        return new PluginRoute(pluginId, version, container, classLoader, capabilities.wellKnown());
    }

    /**
     * The Jersey application of one plugin version: its components, guarded and instrumented by the host.
     *
     * @param validatorFactory validates the plugin's resources; the caller closes it with the container
     */
    ResourceConfig configuration(
            String pluginId,
            String version,
            List<Object> components,
            ValidatorFactory validatorFactory,
            boolean basicGranted) {
        ResourceConfig config = new ResourceConfig();
        config.setApplicationName("plugin-" + pluginId + "-" + version);
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        for (Object component : components) {
            if (component instanceof Class<?> type) {
                config.register(type);
            } else {
                config.register(component);
            }
        }
        config.register(new JacksonMessageBodyProvider(pluginObjectMapper(maxJsonNestingDepth)));
        config.register(new HibernateValidationBinder(validatorFactory.getValidator()));
        config.register(new ViolationExceptionMapper());
        UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper("plugin " + pluginId);
        config.register(new JsonProcessingExceptionMapper(unexpected));
        config.register(new WebApplicationExceptionMapper());
        config.register(new HostExceptionMapper());
        config.register(new PluginPermissionExceptionMapper());
        config.register(unexpected);
        config.register(new EmptyServerErrorFilter("plugin " + pluginId));
        config.register(new ApiAccessFilter(basicGranted));
        config.register(RolesAllowedDynamicFeature.class);
        config.register(new UserBinder());
        config.register(new RouteMetricsListener(routeMetrics, pluginId, PluginRouter.basePath(pluginId)));
        return config;
    }

    /**
     * The mapper plugins get ({@link PluginJson#mapper}), refusing bodies nested deeper than {@code maxNestingDepth}.
     * metacortex-plugin-testing's {@code PluginObjectMapper} is the same mapper.
     */
    public static ObjectMapper pluginObjectMapper(int maxNestingDepth) {
        return PluginJson.mapper(maxNestingDepth);
    }

    private record PluginServletConfig(String name, ServletContext context) implements ServletConfig {

        @Override
        public String getServletName() {
            return name;
        }

        @Override
        public ServletContext getServletContext() {
            return context;
        }

        @Override
        public String getInitParameter(String parameter) {
            return null;
        }

        @Override
        public Enumeration<String> getInitParameterNames() {
            return Collections.emptyEnumeration();
        }
    }
}
