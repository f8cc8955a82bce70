package io.metacortex.host.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the plugin lifecycle does with events: gives each version it loads its {@link PluginEvents}, delivers a
 * plugin's events to the version it activates (they wait while it does not run), and deletes a purged plugin's
 * subscriptions and deliveries.
 */
public final class EventHost {

    private static final Logger LOG = LoggerFactory.getLogger(EventHost.class);

    private final EventDispatcher dispatcher;
    private final EventStore store;
    private final EventMetrics metrics;
    private final Supplier<ObjectMapper> mappers;

    EventHost(EventDispatcher dispatcher, EventStore store, EventMetrics metrics, Supplier<ObjectMapper> mappers) {
        this.dispatcher = dispatcher;
        this.store = store;
        this.metrics = metrics;
        this.mappers = mappers;
    }

    /** @return the events of a version being loaded, to hand to its context */
    public PluginEvents open(String pluginId, String version) {
        return new PluginEvents(pluginId, version, mappers.get());
    }

    /** The version started: it subscribes to nothing more; its handlers run on {@code jdbi}. */
    public void started(PluginEvents events, Jdbi jdbi) {
        events.connect(jdbi);
        events.seal();
    }

    /** The version failed to load, or was unloaded: it publishes nothing more. */
    public void retire(PluginEvents events) {
        events.seal();
        events.close();
    }

    /** The plugin's subscriptions are the version's, and its events are delivered to it from now on. */
    public void activate(PluginEvents events) {
        dispatcher.activate(events);
    }

    /** The plugin no longer runs here: its events wait for it. */
    public void deactivate(String pluginId) {
        dispatcher.deactivate(pluginId);
    }

    /** Deletes the plugin's subscriptions, deliveries and metrics: it was uninstalled with purge. */
    public void forget(String pluginId) {
        int deleted = store.forget(pluginId);
        metrics.forget(pluginId);
        if (deleted > 0) {
            LOG.info("Deleted the {} event deliveries of purged plugin {}", deleted, pluginId);
        }
    }
}
