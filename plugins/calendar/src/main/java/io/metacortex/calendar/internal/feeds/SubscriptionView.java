package io.metacortex.calendar.internal.feeds;

import java.time.Instant;

/**
 * A subscription as the API shows it.
 *
 * @param calendarId the read-only calendar the feed fills
 * @param url the feed's URL, its user info masked as {@code ***}
 * @param lastSyncAt when the feed was last fetched (whatever came of it), null before the first fetch
 * @param lastSuccessAt when a fetch last succeeded (200 stored, or 304 unchanged)
 * @param lastError why the last fetch failed, null when it succeeded
 * @param eventCount the events (UIDs) the calendar holds
 */
public record SubscriptionView(
        long id,
        long calendarId,
        String name,
        String colour,
        String url,
        int refreshMinutes,
        Instant lastSyncAt,
        Instant lastSuccessAt,
        String lastError,
        int eventCount) {}
