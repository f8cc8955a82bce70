package io.metacortex.host.plugin;

import io.metacortex.host.errors.HostException;
import io.metacortex.host.felix.PackageHeader;
import io.metacortex.plugin.api.PluginManifest;
import io.metacortex.plugin.api.PluginPermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The capabilities a plugin declared in {@link PluginManifest#PLUGIN_PERMISSIONS}, e.g.
 * {@code users:read, http:outbound;hosts="api.example.com,*.example.org", secrets}.
 *
 * @param outboundHosts the hosts named by {@code http:outbound}
 */
public record Permissions(Set<String> capabilities, Set<String> outboundHosts) {

    public static final Permissions NONE = new Permissions(Set.of(), Set.of());
    private static final Set<String> KNOWN = Set.of(PluginPermissions.USERS_READ, PluginPermissions.HTTP_OUTBOUND,
            PluginPermissions.SECRETS);

    public boolean has(String capability) {
        return capabilities.contains(capability);
    }

    /** @return the capabilities as admins accept them, e.g. {@code http:outbound(api.example.com)} */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (String capability : new TreeSet<>(capabilities)) {
            labels.add(capability.equals(PluginPermissions.HTTP_OUTBOUND)
                    ? capability + "(" + String.join(",", new TreeSet<>(outboundHosts)) + ")" : capability);
        }
        return labels;
    }

    /** @throws HostException 422 for an unknown capability or {@code http:outbound} without hosts */
    static Permissions parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        Map<String, String> hostsByCapability = new TreeMap<>();
        for (String clause : PackageHeader.split(header, ',')) {
            List<String> parts = PackageHeader.split(clause, ';');
            String capability = parts.get(0).trim();
            if (!KNOWN.contains(capability)) {
                throw invalid("unknown permission '" + capability + "'; known ones are " + new TreeSet<>(KNOWN));
            }
            String hosts = null;
            for (String attribute : parts.subList(1, parts.size())) {
                String[] kv = attribute.split("=", 2);
                if (kv.length == 2 && kv[0].trim().equals("hosts")) {
                    hosts = kv[1].trim().replace("\"", "");
                }
            }
            hostsByCapability.put(capability, hosts);
        }
        Set<String> hosts = new TreeSet<>();
        if (hostsByCapability.containsKey(PluginPermissions.HTTP_OUTBOUND)) {
            String declared = hostsByCapability.get(PluginPermissions.HTTP_OUTBOUND);
            if (declared == null || declared.isBlank()) {
                throw invalid(PluginPermissions.HTTP_OUTBOUND + " must name its hosts: "
                        + PluginPermissions.HTTP_OUTBOUND + ";hosts=\"api.example.com\"");
            }
            for (String host : declared.split(",")) {
                hosts.add(host.trim().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new Permissions(Set.copyOf(hostsByCapability.keySet()), Set.copyOf(hosts));
    }

    private static HostException invalid(String detail) {
        return new HostException(422, "invalid plugin metadata", PluginManifest.PLUGIN_PERMISSIONS + ": " + detail
                + ".", null);
    }
}
