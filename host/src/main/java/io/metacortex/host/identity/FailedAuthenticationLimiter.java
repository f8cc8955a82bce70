package io.metacortex.host.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts failed authentications per client in one-minute windows; a client over the limit is refused (429) until
 * its window ends, so tokens cannot be guessed at speed.
 */
public final class FailedAuthenticationLimiter {

    private final int perMinute;
    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(100_000)
            .build();

    public FailedAuthenticationLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    public boolean blocked(String client) {
        AtomicInteger count = failures.getIfPresent(client);
        return count != null && count.get() >= perMinute;
    }

    public void failed(String client) {
        failures.asMap().computeIfAbsent(client, c -> new AtomicInteger()).incrementAndGet();
    }
}
