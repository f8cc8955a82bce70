package io.metacortex.host.plugin;

import io.metacortex.host.errors.HostException;
import io.metacortex.host.felix.PackageHeader;
import io.metacortex.plugin.api.PluginManifest;
import io.metacortex.plugin.api.PluginPermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The capabilities a plugin declared in {@link PluginManifest#PLUGIN_PERMISSIONS}, e.g.
 * {@code users:read, http:outbound;hosts="api.example.com,*.example.org", secrets}.
 *
 * The same type holds what an admin accepted ({@link #fromLabels}), compared with {@link #notCoveredBy}.
 *
 * @param outboundHosts the hosts named by {@code http:outbound}
 */
public record Permissions(Set<String> capabilities, Set<String> outboundHosts) {

    public static final Permissions NONE = new Permissions(Set.of(), Set.of());
    private static final Set<String> KNOWN = Set.of(
            PluginPermissions.USERS_READ,
            PluginPermissions.HTTP_OUTBOUND,
            PluginPermissions.SECRETS,
            PluginPermissions.HTTP_BASIC);

    public boolean has(String capability) {
        return capabilities.contains(capability);
    }

    /** @return the capabilities as admins accept them, e.g. {@code http:outbound(api.example.com)} */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (String capability : new TreeSet<>(capabilities)) {
            labels.add(
                    capability.equals(PluginPermissions.HTTP_OUTBOUND)
                            ? capability + "(" + String.join(",", new TreeSet<>(outboundHosts)) + ")"
                            : capability);
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
        return new HostException(
                422, "invalid plugin metadata", PluginManifest.PLUGIN_PERMISSIONS + ": " + detail + ".", null);
    }

    public boolean isEmpty() {
        return capabilities.isEmpty();
    }

    /**
     * Reads what an admin accepted: labels as {@link #labels()} writes them, e.g. {@code users:read} and
     * {@code http:outbound(api.example.com,*.example.org)}; a label may also hold several, comma-separated. A bare
     * {@code http:outbound} accepts no host.
     *
     * @throws HostException 400 for a label naming no known permission
     */
    public static Permissions fromLabels(Collection<String> labels) {
        Set<String> capabilities = new TreeSet<>();
        Set<String> hosts = new TreeSet<>();
        for (String label : labels) {
            for (String one : splitOutsideParentheses(label)) {
                String trimmed = one.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int open = trimmed.indexOf('(');
                String capability = (open < 0 ? trimmed : trimmed.substring(0, open)).trim();
                if (!KNOWN.contains(capability)
                        || (open >= 0
                                && (!trimmed.endsWith(")") || !capability.equals(PluginPermissions.HTTP_OUTBOUND)))) {
                    throw new HostException(
                            400,
                            "invalid permission",
                            "'" + trimmed + "' is not a permission;"
                                    + " accept them as GET /admin/plugins/{id} lists them, e.g. users:read,"
                                    + " secrets, http:outbound(api.example.com).",
                            null);
                }
                capabilities.add(capability);
                if (open >= 0) {
                    for (String host :
                            trimmed.substring(open + 1, trimmed.length() - 1).split(",")) {
                        if (!host.isBlank()) {
                            hosts.add(host.trim().toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        return new Permissions(Set.copyOf(capabilities), Set.copyOf(hosts));
    }

    /** @return the part of these permissions that {@code accepted} does not cover; hosts count one by one */
    public Permissions notCoveredBy(Permissions accepted) {
        Set<String> missing = new TreeSet<>();
        Set<String> missingHosts = new TreeSet<>();
        for (String capability : capabilities) {
            if (capability.equals(PluginPermissions.HTTP_OUTBOUND)) {
                outboundHosts.stream()
                        .filter(host -> !accepted.has(capability)
                                || !accepted.outboundHosts().contains(host))
                        .forEach(missingHosts::add);
                if (!missingHosts.isEmpty()) {
                    missing.add(capability);
                }
            } else if (!accepted.has(capability)) {
                missing.add(capability);
            }
        }
        return new Permissions(Set.copyOf(missing), Set.copyOf(missingHosts));
    }

    /** @return the permissions of both */
    public Permissions union(Permissions other) {
        Set<String> capabilities = new TreeSet<>(this.capabilities);
        capabilities.addAll(other.capabilities);
        Set<String> hosts = new TreeSet<>(outboundHosts);
        hosts.addAll(other.outboundHosts);
        return new Permissions(Set.copyOf(capabilities), Set.copyOf(hosts));
    }

    /** @return the permissions in both: what a plugin that declared these may use once {@code accepted} */
    public Permissions grantedBy(Permissions accepted) {
        Permissions refused = notCoveredBy(accepted);
        Set<String> capabilities = new TreeSet<>(this.capabilities);
        Set<String> hosts = new TreeSet<>(outboundHosts);
        hosts.removeAll(refused.outboundHosts);
        capabilities.removeIf(c -> refused.has(c) && (!c.equals(PluginPermissions.HTTP_OUTBOUND) || hosts.isEmpty()));
        return new Permissions(
                Set.copyOf(capabilities),
                capabilities.contains(PluginPermissions.HTTP_OUTBOUND) ? Set.copyOf(hosts) : Set.of());
    }

    private static List<String> splitOutsideParentheses(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
