package io.metacortex.host.modules;

import io.metacortex.host.identity.Authentication;
import io.metacortex.host.routing.RouteGate;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Hides a module's routes from an authenticated user who has it off. Anonymous requests (public routes) and the
 * bootstrap admin (refused on {@code /api} anyway) pass.
 */
public final class ModuleGate implements RouteGate {

    private final UserModules modules;

    public ModuleGate(UserModules modules) {
        this.modules = modules;
    }

    @Override
    public boolean admits(HttpServletRequest request, String pluginId) {
        if (!(request.getAttribute(Authentication.ATTRIBUTE) instanceof Authentication authentication)
                || authentication.user().isBootstrapAdmin()) {
            return true;
        }
        return modules.enabled(authentication.user().id(), pluginId);
    }
}
