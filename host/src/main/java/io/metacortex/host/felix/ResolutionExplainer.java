package io.metacortex.host.felix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Turns an unresolvable bundle into a sentence an admin can act on: which imported packages no installed bundle
 * exports in the required version range, and which versions are available instead.
 */
final class ResolutionExplainer {

    private ResolutionExplainer() {}

    static String explain(Bundle bundle, Bundle[] installed) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        Map<String, String> ranges = PackageHeader.versions(bundle.getHeaders().get(Constants.IMPORT_PACKAGE));
        List<String> problems = new ArrayList<>();
        for (BundleRequirement requirement : revision.getDeclaredRequirements(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (PackageNamespace.RESOLUTION_OPTIONAL.equals(
                    requirement.getDirectives().get(PackageNamespace.REQUIREMENT_RESOLUTION_DIRECTIVE))) {
                continue;
            }
            Filter filter = filterOf(requirement);
            String pkg = packageOf(requirement);
            TreeSet<String> available = new TreeSet<>();
            boolean satisfied = false;
            for (Bundle other : installed) {
                if (other.getBundleId() == bundle.getBundleId()) {
                    continue;
                }
                BundleRevision otherRevision = other.adapt(BundleRevision.class);
                if (otherRevision == null) {
                    continue;
                }
                for (BundleCapability capability :
                        otherRevision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                    if (pkg.equals(capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                        available.add(String.valueOf(
                                capability.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE)));
                        satisfied |= filter == null || filter.matches(capability.getAttributes());
                    }
                }
            }
            if (!satisfied) {
                String range = ranges.getOrDefault(pkg, "any version");
                problems.add(
                        available.isEmpty()
                                ? "package " + pkg + " (version " + range + ") is not exported by this host or any"
                                        + " installed plugin"
                                : "package " + pkg + " version " + range + " is required, but this host exports "
                                        + String.join(", ", available));
            }
        }
        if (problems.isEmpty()) {
            return "the bundle's requirements cannot be satisfied (no missing package found; check its"
                    + " Require-Capability and Require-Bundle headers)";
        }
        return String.join("; ", problems);
    }

    private static Filter filterOf(BundleRequirement requirement) {
        String filter = requirement.getDirectives().get(PackageNamespace.REQUIREMENT_FILTER_DIRECTIVE);
        try {
            return filter == null ? null : FrameworkUtil.createFilter(filter);
        } catch (InvalidSyntaxException e) {
            return null;
        }
    }

    private static String packageOf(BundleRequirement requirement) {
        String filter = requirement.getDirectives().getOrDefault(PackageNamespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        String key = "(" + PackageNamespace.PACKAGE_NAMESPACE + "=";
        int start = filter.indexOf(key);
        if (start < 0) {
            return filter;
        }
        int end = filter.indexOf(')', start);
        return filter.substring(start + key.length(), end);
    }
}
