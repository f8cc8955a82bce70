package io.metacortex.host.routing;

import jakarta.servlet.http.HttpServletRequest;

/** Decides per request whether a plugin's routes exist for the caller; a refused request is answered 404. */
@FunctionalInterface
public interface RouteGate {

    /** Admits every request. */
    RouteGate OPEN = (request, pluginId) -> true;

    /** Called on every request to {@code /api/<pluginId>/...}: keep it cheap. */
    boolean admits(HttpServletRequest request, String pluginId);
}
