package io.metacortex.host.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.metacortex.host.config.EventSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events' parts, wired: the dispatcher and its LISTEN connection to start and stop, the host side for the plugin
 * lifecycle, the admin side, the metrics, and the sweep: a recurring db-scheduler task (one host runs it at a time)
 * that wakes every host's delivery with a NOTIFY, should one have been missed, and deletes what is past retention.
 */
public record HostEvents(
        EventDispatcher dispatcher,
        EventListener listener,
        EventHost host,
        EventAdmin admin,
        EventMetrics metrics,
        RecurringTask<Void> sweep) {

    /** db-scheduler's {@code task_name} of the sweep. */
    public static final String SWEEP_TASK = "event-sweep";

    private static final Logger LOG = LoggerFactory.getLogger(HostEvents.class);

    /** @param mappers a new mapper for each plugin version, configured as for its requests */
    public static HostEvents create(
            DataSource dataSource, EventSettings settings, Clock clock, Supplier<ObjectMapper> mappers) {
        EventStore store = new EventStore(Jdbi.create(dataSource));
        EventMetrics metrics = new EventMetrics(store, clock);
        EventDispatcher dispatcher = new EventDispatcher(
                store,
                metrics,
                new Backoff(
                        settings.getBackoffInitial().toJavaDuration(),
                        settings.getBackoffMax().toJavaDuration()),
                settings.getMaxAttempts(),
                settings.getThreads(),
                clock);
        Duration retention = settings.getRetention().toJavaDuration();
        RecurringTask<Void> sweep = Tasks.recurring(
                        SWEEP_TASK, FixedDelay.of(settings.getSweepInterval().toJavaDuration()))
                .execute((instance, context) -> {
                    store.notifyAllHosts();
                    int deleted = store.deleteDelivered(retention);
                    if (deleted > 0) {
                        LOG.info("Deleted {} delivered events older than {}", deleted, retention);
                    }
                });
        return new HostEvents(
                dispatcher,
                new EventListener(dataSource, dispatcher::wake),
                new EventHost(dispatcher, store, metrics, mappers),
                new EventAdmin(store, dispatcher, clock),
                metrics,
                sweep);
    }

    /** Starts listening for published events; once the host schema is migrated. */
    public void start() {
        listener.start();
        dispatcher.wake();
    }

    /** Stops delivering, letting deliveries in flight end within {@code wait}; before the plugins are unloaded. */
    public void stop(Duration wait) {
        listener.close();
        dispatcher.stop(wait);
    }
}
