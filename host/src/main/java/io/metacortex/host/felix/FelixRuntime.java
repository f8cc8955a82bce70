package io.metacortex.host.felix;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Felix framework. The system bundle exports the shared libraries with their real versions; bundles
 * are installed from bytes (the registry in PostgreSQL is the source of truth, so the cache is cleaned at start).
 */
public final class FelixRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FelixRuntime.class);
    private static final long STOP_TIMEOUT_MS = 10_000;

    private final Felix felix;
    private final Map<String, String> exports;

    private FelixRuntime(Felix felix, Map<String, String> exports) {
        this.felix = felix;
        this.exports = exports;
    }

    /**
     * Starts Felix with its bundle cache in {@code storage}.
     *
     * @param exports package to version, exported by the system bundle
     */
    public static FelixRuntime start(Path storage, Map<String, String> exports) {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SystemPackages.header(exports));
        // Two versions of one plugin live side by side for the moment of an upgrade's switch.
        config.put(Constants.FRAMEWORK_BSNVERSION, Constants.FRAMEWORK_BSNVERSION_MULTIPLE);
        Felix felix = new Felix(config);
        try {
            felix.start();
        } catch (BundleException e) {
            throw new IllegalStateException("Apache Felix did not start: " + e.getMessage(), e);
        }
        LOG.info("Apache Felix {} started, exporting {} packages to plugins", felix.getVersion(), exports.size());
        return new FelixRuntime(felix, Map.copyOf(exports));
    }

    /** @return the packages the system bundle exports to plugins, with their versions */
    public Map<String, String> exports() {
        return exports;
    }

    /**
     * Installs a bundle and resolves it.
     *
     * @return the resolved bundle
     * @throws BundleException when Felix refuses the bundle
     * @throws UnresolvedBundleException when its imports cannot be satisfied; the bundle is uninstalled again
     */
    public Bundle installAndResolve(String location, byte[] bytes) throws BundleException, UnresolvedBundleException {
        Bundle bundle = felix.getBundleContext().installBundle(location, new ByteArrayInputStream(bytes));
        if (!wiring().resolveBundles(List.of(bundle))) {
            String reason =
                    ResolutionExplainer.explain(bundle, felix.getBundleContext().getBundles());
            uninstall(bundle);
            throw new UnresolvedBundleException(reason);
        }
        return bundle;
    }

    /** Uninstalls a bundle and refreshes the wiring, so that its class loader can be collected. */
    public void uninstall(Bundle bundle) {
        try {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                bundle.uninstall();
            }
        } catch (BundleException e) {
            LOG.warn("Could not uninstall bundle {}: {}", bundle.getLocation(), e.getMessage());
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        wiring().refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                refreshed.countDown();
            }
        });
        try {
            if (!refreshed.await(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Felix did not finish refreshing after uninstalling {}", bundle.getLocation());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return every package the system bundle and the installed bundles export, with the versions they export; what
     *     a bundle installed now would be resolved against
     */
    public Map<String, SortedSet<Version>> exportedPackages() {
        Map<String, SortedSet<Version>> exported = new TreeMap<>();
        for (Bundle bundle : felix.getBundleContext().getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision == null || bundle.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            for (BundleCapability capability : revision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                Object version = capability.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
                exported.computeIfAbsent(
                                String.valueOf(capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)),
                                pkg -> new TreeSet<>())
                        .add(version instanceof Version v ? v : Version.emptyVersion);
            }
        }
        return exported;
    }

    /** @return the bundle at a location, if installed */
    public Optional<Bundle> bundle(String location) {
        return Optional.ofNullable(felix.getBundleContext().getBundle(location));
    }

    private FrameworkWiring wiring() {
        return felix.adapt(FrameworkWiring.class);
    }

    @Override
    public void close() {
        try {
            felix.stop();
            felix.waitForStop(STOP_TIMEOUT_MS);
        } catch (BundleException e) {
            LOG.warn("Apache Felix did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
