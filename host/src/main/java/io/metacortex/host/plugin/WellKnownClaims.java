package io.metacortex.host.plugin;

import io.metacortex.host.errors.HostException;
import io.metacortex.host.felix.PackageHeader;
import io.metacortex.plugin.api.PluginManifest;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The RFC 6764 names a plugin answers, from {@link PluginManifest#PLUGIN_WELL_KNOWN}: {@code caldav=/dav/} sends
 * {@code /.well-known/caldav} to {@code /api/<id>/dav/}.
 */
final class WellKnownClaims {

    static final Set<String> NAMES = Set.of("caldav", "carddav");
    /** A path under the plugin's base path: segments of URL-safe characters, no dot segments. */
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*/?");

    private WellKnownClaims() {}

    /**
     * @return each name claimed, with its path; empty without the header
     * @throws HostException 422 for an unknown name, a path that is not one under the base path, or a name twice
     */
    static Map<String, String> parse(String header) {
        Map<String, String> claims = new TreeMap<>();
        if (header == null || header.isBlank()) {
            return claims;
        }
        for (String clause : PackageHeader.split(header, ',')) {
            String[] nameAndPath = clause.split("=", 2);
            String name = nameAndPath[0].trim();
            if (!NAMES.contains(name)) {
                throw invalid("unknown name '" + name + "'; the names are " + "caldav, carddav");
            }
            String path = nameAndPath.length == 2 ? nameAndPath[1].trim() : "";
            if (path.isEmpty() || !PATH.matcher(path).matches()) {
                throw invalid("'" + name + "' needs a path under the plugin's base path, such as " + name + "=/dav/");
            }
            if (claims.put(name, path) != null) {
                throw invalid("'" + name + "' is named twice");
            }
        }
        return claims;
    }

    private static HostException invalid(String detail) {
        return new HostException(
                422, "invalid plugin metadata", PluginManifest.PLUGIN_WELL_KNOWN + ": " + detail + ".", null);
    }
}
