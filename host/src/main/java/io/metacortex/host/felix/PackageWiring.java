package io.metacortex.host.felix;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * What Felix's package wiring says about two plugin bundles: whether one imports packages from the other, must have
 * them, or could import them if it were resolved again.
 */
public final class PackageWiring {

    private PackageWiring() {}

    /** @return the packages {@code consumer} is wired to import from {@code provider} (by any kind of import) */
    public static List<String> packagesFrom(Bundle consumer, Bundle provider) {
        return wiresFrom(consumer, provider).map(PackageWiring::packageName).toList();
    }

    /** @return the packages {@code consumer} imports from {@code provider} without {@code resolution:=optional} */
    public static List<String> requiredPackagesFrom(Bundle consumer, Bundle provider) {
        return wiresFrom(consumer, provider)
                .filter(wire -> !optional(wire.getRequirement()))
                .map(PackageWiring::packageName)
                .toList();
    }

    private static Stream<BundleWire> wiresFrom(Bundle consumer, Bundle provider) {
        return wires(consumer).stream()
                .filter(wire -> wire.getProvider().getBundle().equals(provider));
    }

    /**
     * @return whether {@code consumer} imports, optionally and not wired now, a package {@code provider} exports:
     *     resolving the consumer again would wire it to the provider
     */
    public static boolean couldImportFrom(Bundle consumer, Bundle provider) {
        BundleRevision consumerRevision = consumer.adapt(BundleRevision.class);
        BundleRevision providerRevision = provider.adapt(BundleRevision.class);
        if (consumerRevision == null || providerRevision == null) {
            return false;
        }
        Set<String> wired =
                wires(consumer).stream().map(PackageWiring::packageName).collect(Collectors.toSet());
        return consumerRevision.getDeclaredRequirements(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .filter(PackageWiring::optional)
                .anyMatch(requirement ->
                        providerRevision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE).stream()
                                .filter(capability -> !wired.contains(String.valueOf(
                                        capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))))
                                .anyMatch(requirement::matches));
    }

    private static List<BundleWire> wires(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        List<BundleWire> wires = wiring == null ? null : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE);
        return wires == null ? List.of() : wires;
    }

    private static boolean optional(BundleRequirement requirement) {
        String resolution = requirement.getDirectives().get(PackageNamespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
        return PackageNamespace.RESOLUTION_OPTIONAL.equals(resolution)
                || PackageNamespace.RESOLUTION_DYNAMIC.equals(resolution);
    }

    private static String packageName(BundleWire wire) {
        return String.valueOf(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE));
    }
}
