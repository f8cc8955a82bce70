package io.metacortex.host.plugin;

import io.metacortex.plugin.api.BasicAuthRoute;
import io.metacortex.plugin.api.PluginManifest;
import io.metacortex.plugin.api.PluginPermissions;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A plugin marking routes {@link BasicAuthRoute} must declare {@link PluginPermissions#HTTP_BASIC}, which the admin
 * accepts: without it the routes would refuse HTTP Basic (the host's routing grants it only with the permission),
 * and the plugin's clients would fail in a way only a refusal at load time explains.
 */
final class BasicAuthRoutes {

    private BasicAuthRoutes() {}

    /** @throws PluginLoadException when a registered resource is marked but the permission is not granted */
    static void checkDeclared(PluginBundle bundle, Permissions granted, List<Object> components)
            throws PluginLoadException {
        if (granted.has(PluginPermissions.HTTP_BASIC)) {
            return;
        }
        Optional<String> marked = components.stream()
                .map(c -> c instanceof Class<?> type ? type : c.getClass())
                .flatMap(BasicAuthRoutes::marked)
                .findFirst();
        if (marked.isPresent()) {
            throw new PluginLoadException(
                    "invalid plugin metadata",
                    "Plugin " + bundle.id() + " " + bundle.version() + " marks " + marked.get() + " @BasicAuthRoute"
                            + " but does not declare the permission " + PluginPermissions.HTTP_BASIC + " in "
                            + PluginManifest.PLUGIN_PERMISSIONS + ".",
                    List.of(),
                    null);
        }
    }

    /** @return the marked class, or its marked methods, by name */
    private static Stream<String> marked(Class<?> type) {
        if (type.isAnnotationPresent(BasicAuthRoute.class)) {
            return Stream.of(type.getName());
        }
        return Stream.of(type.getMethods())
                .filter(m -> m.isAnnotationPresent(BasicAuthRoute.class))
                .map(Method::getName)
                .sorted()
                .map(name -> type.getName() + "." + name);
    }
}
