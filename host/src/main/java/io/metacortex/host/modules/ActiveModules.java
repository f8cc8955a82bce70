package io.metacortex.host.modules;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The plugins that are ACTIVE, as modules users can turn on and off: kept up to date by the plugin lifecycle and
 * read without locking on every request.
 */
public final class ActiveModules {

    /** An active plugin version and whether users without a choice of their own have it on. */
    public record Module(
            String id,
            String name,
            String description,
            String version,
            SettingsSchema schema,
            boolean enabledByDefault) {}

    private final ConcurrentMap<String, Module> modules = new ConcurrentHashMap<>();

    public void put(Module module) {
        modules.put(module.id(), module);
    }

    public void remove(String id) {
        modules.remove(id);
    }

    /** Changes the default of an active plugin; does nothing for one that is not active. */
    public void setEnabledByDefault(String id, boolean enabledByDefault) {
        modules.computeIfPresent(
                id,
                (key, m) -> new Module(m.id(), m.name(), m.description(), m.version(), m.schema(), enabledByDefault));
    }

    public Optional<Module> find(String id) {
        return Optional.ofNullable(modules.get(id));
    }

    public List<Module> list() {
        return modules.values().stream()
                .sorted(Comparator.comparing(Module::id))
                .toList();
    }
}
