package io.metacortex.host.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on {@value #CHANNEL}, where {@code publish_event} notifies at commit (and the sweep task every few seconds),
 * and wakes the delivery at each notification. One connection of the host's pool, held while the host runs; when
 * it breaks, it is opened again after a second, and the sweep delivers meanwhile.
 */
public final class EventListener implements AutoCloseable {

    static final String CHANNEL = "metacortex_events";

    private static final Logger LOG = LoggerFactory.getLogger(EventListener.class);
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final Runnable onNotification;
    private final CountDownLatch closed = new CountDownLatch(1);
    private Thread thread;

    EventListener(DataSource dataSource, Runnable onNotification) {
        this.dataSource = dataSource;
        this.onNotification = onNotification;
    }

    synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::listen, "event-listener");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void listen() {
        while (closed.getCount() > 0) {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection listening = connection.unwrap(PGConnection.class);
                // Whatever was published while nobody listened.
                onNotification.run();
                while (closed.getCount() > 0) {
                    PGNotification[] notifications = listening.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        onNotification.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed.getCount() > 0) {
                    LOG.warn("Listening for events failed ({}); listening again in a second", e.getMessage());
                    awaitClose(1_000);
                }
            }
        }
    }

    private void awaitClose(long millis) {
        try {
            closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.countDown();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        Thread listening;
        synchronized (this) {
            listening = thread;
        }
        if (listening != null) {
            try {
                listening.join(WAIT_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
