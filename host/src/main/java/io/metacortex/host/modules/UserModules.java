package io.metacortex.host.modules;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.metacortex.host.modules.ActiveModules.Module;
import io.metacortex.host.modules.UserModuleStore.Choice;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which modules each user has on, and with which settings: a user's own choice, else the plugin's default. Each
 * user's choices are read once and cached; a change invalidates them after it is stored, and a read in progress
 * finishes before the invalidation, so the cache never keeps a choice older than the last change.
 */
public final class UserModules {

    private final ActiveModules modules;
    private final UserModuleStore store;
    private final Clock clock;
    private final Cache<UUID, Map<String, Choice>> choices =
            Caffeine.newBuilder().maximumSize(10_000).build();

    public UserModules(ActiveModules modules, UserModuleStore store, Clock clock) {
        this.modules = modules;
        this.store = store;
        this.clock = clock;
    }

    /** @return whether the user has the module on; true for ids that are no active plugin (the host's routes) */
    public boolean enabled(UUID userId, String pluginId) {
        Optional<Module> module = modules.find(pluginId);
        return module.isEmpty() || enabled(module.get(), choice(userId, pluginId));
    }

    /** @return the user's effective settings under {@code schema}: defaults overlaid with their choices */
    public Map<String, Object> settings(String pluginId, SettingsSchema schema, UUID userId) {
        if (schema.settings().isEmpty()) {
            return Map.of();
        }
        return schema.effective(choice(userId, pluginId).settings());
    }

    /** @return the active modules as the user sees them */
    public List<ModuleView> list(UUID userId) {
        return modules.list().stream().map(module -> view(module, userId)).toList();
    }

    /** @return the active plugin {@code pluginId} */
    public Optional<Module> module(String pluginId) {
        return modules.find(pluginId);
    }

    public Optional<ModuleView> find(UUID userId, String pluginId) {
        return modules.find(pluginId).map(module -> view(module, userId));
    }

    /**
     * Stores a change already checked against the module's schema.
     *
     * @param settings setting name to the new value, or null to return to the default
     */
    public void update(
            UUID userId, String pluginId, boolean enabledGiven, Boolean enabled, Map<String, Object> settings) {
        try {
            store.update(userId, pluginId, enabledGiven, enabled, settings, clock.instant());
        } finally {
            choices.invalidate(userId);
        }
    }

    /** @return {@code module} as the user sees it */
    public ModuleView view(Module module, UUID userId) {
        Choice choice = choice(userId, module.id());
        return new ModuleView(
                module.id(),
                module.name(),
                module.description(),
                module.version(),
                enabled(module, choice),
                module.schema().effective(choice.settings()),
                module.schema().describe());
    }

    private static boolean enabled(Module module, Choice choice) {
        return choice.enabled() == null ? module.enabledByDefault() : choice.enabled();
    }

    private Choice choice(UUID userId, String pluginId) {
        return choices.get(userId, store::load).getOrDefault(pluginId, Choice.NONE);
    }
}
