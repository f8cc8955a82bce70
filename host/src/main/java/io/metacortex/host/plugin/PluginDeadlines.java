package io.metacortex.host.plugin;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a plugin's own code may run while the host waits for it: its start, its stop, and the migrations of one
 * load. Past a deadline the host stops waiting (see {@link PluginCode}).
 */
public record PluginDeadlines(Duration start, Duration stop, Duration migrations) {

    /** Thirty seconds to start or stop, five minutes to migrate. */
    public static final PluginDeadlines DEFAULT =
            new PluginDeadlines(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(5));

    public PluginDeadlines {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(migrations, "migrations");
    }
}
