package io.metacortex.outbound;

import com.codahale.metrics.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What plugins' outbound calls did, per plugin and target host: calls and their duration (retries and waits
 * included), retries, the answers returned by status class and the calls that ended in an exception, by reason.
 * Only strings and counters are kept: no plugin class outlives its plugin.
 */
final class OutboundMetrics {

    /** Why a call ended in an exception, as the {@code reason} label says it. */
    enum Failure {
        TIMEOUT("timeout"),
        CONNECT("connect"),
        IO("io"),
        RETRIES_EXHAUSTED("retries_exhausted"),
        CIRCUIT_OPEN("circuit_open"),
        CONCURRENCY_LIMIT("concurrency_limit");

        final String label;

        Failure(String label) {
            this.label = label;
        }
    }

    record Target(String plugin, String host) {}

    /** The series of one plugin and host. */
    static final class Series {
        final Timer calls = new Timer();
        final LongAdder retries = new LongAdder();
        final Map<String, LongAdder> responses = new ConcurrentHashMap<>();
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    }

    private final Map<Target, Series> series = new ConcurrentHashMap<>();

    void answered(String plugin, String host, int status, int attempts, Duration elapsed) {
        Series s = finished(plugin, host, attempts, elapsed);
        s.responses.computeIfAbsent(statusClass(status), k -> new LongAdder()).increment();
    }

    void failed(String plugin, String host, Failure failure, int attempts, Duration elapsed) {
        Series s = finished(plugin, host, attempts, elapsed);
        s.failures.computeIfAbsent(failure.label, k -> new LongAdder()).increment();
    }

    private Series finished(String plugin, String host, int attempts, Duration elapsed) {
        Series s = series.computeIfAbsent(new Target(plugin, host), k -> new Series());
        s.calls.update(elapsed);
        if (attempts > 1) {
            s.retries.add(attempts - 1L);
        }
        return s;
    }

    Map<Target, Series> series() {
        return series;
    }

    void forget(String plugin) {
        series.keySet().removeIf(target -> target.plugin().equals(plugin));
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }
}
