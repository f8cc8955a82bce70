package io.metacortex.host.threads;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the threads of plugin versions that were stopped but still run, as Tomcat finds a stopped web application's
 * threads: a thread belongs to a version when its context class loader is the version's class loader (the host sets
 * it whenever it calls plugin code, and a thread inherits it from the thread that started it) or when its class was
 * loaded by it (a {@code Thread} subclass of the plugin). At stop, each such thread is logged with its stack and
 * interrupted, once; it is never stopped by force. The versions are remembered by a weak reference to their class
 * loader: once it is collected, no thread of the version can be left.
 */
public final class LeftoverThreads {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverThreads.class);
    private static final int MAX_FRAMES = 64;

    private final List<StoppedVersion> stopped = new CopyOnWriteArrayList<>();

    /**
     * Records that a plugin version stopped (its executor shut down, its bundle uninstalled), logs and interrupts the
     * threads it left running.
     *
     * @return the threads it left, as found now
     */
    public List<LeftoverThread> stopped(String pluginId, String version, ClassLoader loader) {
        StoppedVersion entry = new StoppedVersion(pluginId, version, new WeakReference<>(loader));
        Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
        List<LeftoverThread> left = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> thread : all.entrySet()) {
            if (belongsTo(thread.getKey(), loader)) {
                LeftoverThread found = LeftoverThread.of(entry, thread.getKey(), thread.getValue());
                left.add(found);
                LOG.warn(
                        "Plugin {} {} left thread '{}' running after it stopped ({}); interrupting it once. Its"
                                + " classes stay in memory while it runs. Stack:\n  at {}",
                        pluginId,
                        version,
                        found.name(),
                        found.state(),
                        String.join("\n  at ", found.stack()));
                thread.getKey().interrupt();
            }
        }
        stopped.add(entry);
        return left;
    }

    /** @return the threads of stopped plugin versions still alive now, by plugin, version and thread name */
    public List<LeftoverThread> list() {
        stopped.removeIf(entry -> entry.loader().get() == null);
        List<LeftoverThread> left = new ArrayList<>();
        if (stopped.isEmpty()) {
            return left;
        }
        Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
        for (StoppedVersion entry : stopped) {
            ClassLoader loader = entry.loader().get();
            if (loader == null) {
                continue;
            }
            all.forEach((thread, stack) -> {
                if (belongsTo(thread, loader)) {
                    left.add(LeftoverThread.of(entry, thread, stack));
                }
            });
        }
        left.sort(Comparator.comparing(LeftoverThread::plugin)
                .thenComparing(LeftoverThread::version)
                .thenComparing(LeftoverThread::name));
        return left;
    }

    private static boolean belongsTo(Thread thread, ClassLoader loader) {
        return thread.isAlive()
                && (thread.getContextClassLoader() == loader
                        || thread.getClass().getClassLoader() == loader);
    }

    private record StoppedVersion(String pluginId, String version, WeakReference<ClassLoader> loader) {}

    /**
     * A thread a stopped plugin version left running.
     *
     * @param state the thread's state when it was looked at: {@code RUNNABLE}, {@code TIMED_WAITING}...
     * @param stack its frames, innermost first, at most 64
     */
    public record LeftoverThread(
            String plugin, String version, String name, String state, boolean daemon, List<String> stack) {

        static LeftoverThread of(StoppedVersion version, Thread thread, StackTraceElement[] stack) {
            return new LeftoverThread(
                    version.pluginId(),
                    version.version(),
                    thread.getName(),
                    thread.getState().name(),
                    thread.isDaemon(),
                    Arrays.stream(stack)
                            .limit(MAX_FRAMES)
                            .map(StackTraceElement::toString)
                            .toList());
        }
    }
}
