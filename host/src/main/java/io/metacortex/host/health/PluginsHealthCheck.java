package io.metacortex.host.health;

import com.codahale.metrics.health.HealthCheck;
import io.metacortex.host.plugin.PluginLifecycle;
import io.metacortex.host.plugin.PluginState;
import java.util.List;

/** Unhealthy while any plugin that should be active has FAILED to load. */
public final class PluginsHealthCheck extends HealthCheck {

    private final PluginLifecycle plugins;

    public PluginsHealthCheck(PluginLifecycle plugins) {
        this.plugins = plugins;
    }

    @Override
    protected Result check() {
        List<String> failed = plugins.list().stream()
                .filter(p -> p.state() == PluginState.FAILED)
                .map(p -> p.id() + " (" + p.failureReason() + ")")
                .toList();
        return failed.isEmpty() ? Result.healthy() : Result.unhealthy("Failed plugins: " + String.join(", ", failed));
    }
}
