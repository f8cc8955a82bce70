package io.metacortex.host.routing;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * One plugin version's Jersey container, with a count of the requests in flight. Once closed it admits no new
 * request, and {@link #closeAndDrain} returns when the admitted ones have completed.
 */
public final class PluginRoute {

    private static final int CLOSED = Integer.MIN_VALUE;

    private final String pluginId;
    private final String version;
    private final ServletContainer container;
    private final ClassLoader classLoader;
    /** The RFC 6764 names this version answers, with their paths under its base path. */
    private final Map<String, String> wellKnown;
    /** Requests in flight, with the sign bit set once closed. */
    private final AtomicInteger state = new AtomicInteger();

    private final CountDownLatch drained = new CountDownLatch(1);

    PluginRoute(
            String pluginId,
            String version,
            ServletContainer container,
            ClassLoader classLoader,
            Map<String, String> wellKnown) {
        this.pluginId = pluginId;
        this.version = version;
        this.container = container;
        this.classLoader = classLoader;
        this.wellKnown = Map.copyOf(wellKnown);
    }

    public String pluginId() {
        return pluginId;
    }

    public String version() {
        return version;
    }

    /** @return the path under the base path answering the RFC 6764 name, if this version claims it */
    public Optional<String> wellKnown(String name) {
        return Optional.ofNullable(wellKnown.get(name));
    }

    /** @return false when the route is closed: look the plugin's route up again */
    boolean tryEnter() {
        while (true) {
            int s = state.get();
            if (s < 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    void exit() {
        int after = state.decrementAndGet();
        if (after == CLOSED) {
            drained.countDown();
        } else if (after == 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * Waits until no request is in flight, without closing the route.
     *
     * @return whether that happened within the timeout
     */
    synchronized boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while ((state.get() & ~CLOSED) != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Serves a request with the plugin's class loader as the thread's context class loader. */
    void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        if (classLoader == null) {
            container.service(request, response);
            return;
        }
        Thread.currentThread().setContextClassLoader(classLoader);
        try {
            container.service(request, response);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * Admits no further request and waits for those in flight, then destroys the container.
     *
     * @return whether all requests in flight completed within the timeout
     */
    public boolean closeAndDrain(Duration timeout) {
        int before = state.getAndUpdate(s -> s | CLOSED);
        if (before == 0) {
            drained.countDown();
        }
        boolean complete;
        try {
            complete = drained.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            complete = false;
        }
        container.destroy();
        return complete;
    }
}
