package io.metacortex.host.deploy;

import io.metacortex.host.errors.HostException;
import io.metacortex.host.plugin.Permissions;
import io.metacortex.host.plugin.PermissionsNotAcceptedException;
import io.metacortex.host.plugin.PluginBundle;
import io.metacortex.host.plugin.PluginBundleReader;
import io.metacortex.host.plugin.PluginLifecycle;
import io.metacortex.host.plugin.PluginView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy folder: a jar dropped in is installed, or upgrades the plugin when its version is higher; removing
 * the jar uninstalls the plugin it installed (its data is kept). The same validation as the admin API applies; a
 * refused jar is logged and listed by {@code GET /admin/plugins} until it changes or is removed. The permissions a
 * plugin declares must be accepted in the configuration ({@code plugins.acceptedPermissions}).
 */
public final class DeployFolder {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolder.class);
    static final String SOURCE_PREFIX = "deploy:";

    /** A jar of the deploy folder that could not be installed, and why. */
    public record Problem(String file, String error, String detail, Instant at) {}

    private record Seen(long size, long modified) {}

    private final Path directory;
    private final PluginLifecycle lifecycle;
    private final Map<String, Permissions> acceptedPermissions;
    private final PluginBundleReader reader;
    private final Map<Path, Seen> seen = new HashMap<>();
    private final Map<String, Problem> problems = new ConcurrentHashMap<>();

    /**
     * @param acceptedPermissions the permission labels accepted for each plugin id ({@code
     *     plugins.acceptedPermissions})
     * @throws HostException when a label names no permission
     */
    public DeployFolder(
            Path directory,
            PluginLifecycle lifecycle,
            PluginBundleReader reader,
            Map<String, List<String>> acceptedPermissions) {
        this.directory = directory;
        this.reader = reader;
        this.lifecycle = lifecycle;
        Map<String, Permissions> parsed = new HashMap<>();
        acceptedPermissions.forEach((id, labels) -> parsed.put(id, Permissions.fromLabels(labels)));
        this.acceptedPermissions = Map.copyOf(parsed);
    }

    public Path directory() {
        return directory;
    }

    public List<Problem> problems() {
        return problems.values().stream()
                .sorted((a, b) -> a.file().compareTo(b.file()))
                .toList();
    }

    /** Applies what changed in the folder since the last scan; the first scan looks at every jar. */
    public synchronized void scan() {
        Map<Path, Seen> now = listJars();
        now.forEach((jar, state) -> {
            if (!state.equals(seen.get(jar))) {
                apply(jar);
            }
        });
        for (Path gone : seen.keySet()) {
            if (!now.containsKey(gone)) {
                removed(gone);
            }
        }
        seen.clear();
        seen.putAll(now);
    }

    private void apply(Path jar) {
        String file = jar.getFileName().toString();
        String source = SOURCE_PREFIX + file;
        try {
            byte[] bytes = Files.readAllBytes(jar);
            PluginBundle bundle = reader.read(bytes);
            String id = bundle.id();
            Version version = bundle.version();
            PluginView current = lifecycle.find(id).orElse(null);
            Permissions accepted = acceptedPermissions.getOrDefault(id, Permissions.NONE);
            if (current == null) {
                lifecycle.install(bundle, source, accepted);
                LOG.info("Deploy folder: installed {} {} from {}", id, version, file);
            } else if (version.compareTo(Version.parseVersion(current.version())) > 0) {
                lifecycle.upgrade(bundle, source, accepted);
                LOG.info("Deploy folder: upgraded {} to {} from {}", id, version, file);
            } else {
                LOG.debug(
                        "Deploy folder: {} holds {} {}, not newer than the installed {}",
                        file,
                        id,
                        version,
                        current.version());
            }
            problems.remove(file);
        } catch (PermissionsNotAcceptedException e) {
            String detail = "Plugin " + e.pluginId() + " needs " + String.join(", ", e.missing()) + ", not accepted"
                    + " in the configuration; add them to plugins.acceptedPermissions." + e.pluginId() + ".";
            LOG.error("Deploy folder: {} was refused: {}", file, detail);
            problems.put(file, new Problem(file, e.body().error(), detail, Instant.now()));
        } catch (HostException e) {
            LOG.error("Deploy folder: {} was refused: {}: {}", file, e.body().error(), e.getMessage());
            problems.put(file, new Problem(file, e.body().error(), e.getMessage(), Instant.now()));
        } catch (IOException | RuntimeException e) {
            LOG.error("Deploy folder: {} could not be processed", file, e);
            problems.put(file, new Problem(file, "deploy failed", String.valueOf(e.getMessage()), Instant.now()));
        }
    }

    private void removed(Path jar) {
        String file = jar.getFileName().toString();
        problems.remove(file);
        for (PluginView plugin : lifecycle.list()) {
            if ((SOURCE_PREFIX + file).equals(plugin.source())) {
                lifecycle.uninstall(plugin.id(), false);
                LOG.info("Deploy folder: {} was removed, uninstalled plugin {} (data kept)", file, plugin.id());
            }
        }
    }

    private Map<Path, Seen> listJars() {
        Map<Path, Seen> jars = new HashMap<>();
        if (!Files.isDirectory(directory)) {
            return jars;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .forEach(f -> {
                        try {
                            jars.put(
                                    f,
                                    new Seen(
                                            Files.size(f),
                                            Files.getLastModifiedTime(f).toMillis()));
                        } catch (IOException e) {
                            LOG.warn("Deploy folder: cannot read {}: {}", f, e.getMessage());
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the deploy folder " + directory, e);
        }
        return jars;
    }
}
