package io.metacortex.host.routing;

import java.util.Map;

/**
 * What a plugin's routes may do beyond the default: accept HTTP Basic on the routes it marks {@code @BasicAuthRoute}
 * (permission {@code http:basic}), and answer RFC 6764 well-known names (name to path under its base path).
 */
public record RouteCapabilities(boolean basicAuth, Map<String, String> wellKnown) {

    /** Bearer tokens only, no well-known name: the host's own routes. */
    public static final RouteCapabilities NONE = new RouteCapabilities(false, Map.of());

    public RouteCapabilities {
        wellKnown = Map.copyOf(wellKnown);
    }
}
