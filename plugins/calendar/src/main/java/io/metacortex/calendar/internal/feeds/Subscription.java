package io.metacortex.calendar.internal.feeds;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code feed_subscriptions}. */
record Subscription(
        long id,
        UUID ownerId,
        long calendarId,
        String url,
        int refreshMinutes,
        String etag,
        String lastModified,
        Instant lastSyncAt,
        Instant lastSuccessAt,
        String lastError) {

    FeedUrl feedUrl() {
        return FeedUrl.parse(url).orElseThrow();
    }
}
