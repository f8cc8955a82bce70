package io.metacortex.finance.internal.plaid;

import io.metacortex.plugin.api.jobs.Jobs;
import java.time.Duration;
import java.util.UUID;

/**
 * The sync job of each item ({@value #TYPE}): a daily one (key {@code daily-<item>}, every 24 hours after the last
 * run ended) scheduled when the item is linked, and one on demand (key {@code now-<item>}) for {@code POST
 * .../sync} and Plaid's {@code SYNC_UPDATES_AVAILABLE}: while one is waiting, asking again is the same job, so
 * duplicate webhooks make one sync. A run that fails for a reason that may pass (Plaid unreachable, its 5xx, a rate
 * limit) is retried with backoff by the host; one whose item needs a new bank login does nothing.
 */
final class SyncJobs {

    static final String TYPE = "plaid-sync";
    static final Duration DAILY = Duration.ofHours(24);

    /** The payload: whose item. */
    record SyncRequest(UUID userId, UUID itemId) {}

    private final Jobs jobs;

    SyncJobs(Jobs jobs) {
        this.jobs = jobs;
    }

    static void register(Jobs jobs, PlaidSync sync) {
        jobs.register(TYPE, SyncRequest.class, job -> {
            SyncRequest request = job.payload();
            if (request != null && request.userId() != null && request.itemId() != null) {
                sync.run(request.userId(), request.itemId());
            }
        });
    }

    static String dailyKey(UUID itemId) {
        return "daily-" + itemId;
    }

    static String nowKey(UUID itemId) {
        return "now-" + itemId;
    }

    void scheduleDaily(UUID user, UUID itemId) {
        jobs.schedule(TYPE, new SyncRequest(user, itemId))
                .key(dailyKey(itemId))
                .backoff(Duration.ofMinutes(1), Duration.ofHours(1))
                .every(DAILY);
    }

    /** @return whether a job was created (false: one was waiting already) */
    boolean syncNow(UUID user, UUID itemId) {
        return jobs.schedule(TYPE, new SyncRequest(user, itemId))
                .key(nowKey(itemId))
                .backoff(Duration.ofSeconds(30), Duration.ofHours(1))
                .now();
    }

    void cancel(UUID itemId) {
        jobs.cancel(TYPE, dailyKey(itemId));
        jobs.cancel(TYPE, nowKey(itemId));
    }
}
