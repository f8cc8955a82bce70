package io.metacortex.calendar.internal.feeds;

import io.metacortex.calendar.internal.FeedCalendars;
import io.metacortex.calendar.internal.ics.IcsException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of a subscription: fetch the feed (outside any transaction), then on 200 replace the calendar's events by
 * UID, on 304 change nothing; either way record when, and on any failure keep the events and record why.
 */
final class FeedSync {

    private static final Logger LOG = LoggerFactory.getLogger(FeedSync.class);

    private final Jdbi jdbi;
    private final FeedFetcher fetcher;
    private final FeedCalendars calendars;
    private final Clock clock;

    FeedSync(Jdbi jdbi, FeedFetcher fetcher, FeedCalendars calendars, Clock clock) {
        this.jdbi = jdbi;
        this.fetcher = fetcher;
        this.calendars = calendars;
        this.clock = clock;
    }

    /** @return whether the subscription exists (a job of a deleted one ends itself) */
    boolean sync(UUID owner, long id) {
        Optional<Subscription> found = jdbi.inTransaction(h -> {
            SubscriptionDao.actAs(h, owner);
            return SubscriptionDao.find(h, owner, id);
        });
        if (found.isEmpty()) {
            return false;
        }
        Subscription subscription = found.get();
        FeedUrl url = subscription.feedUrl();
        FeedFetcher.Fetch fetch = fetcher.fetch(url, subscription.etag(), subscription.lastModified());
        if (fetch instanceof FeedFetcher.Fetched fetched) {
            fetch = store(subscription, fetched);
        }
        if (fetch instanceof FeedFetcher.Failed failed) {
            LOG.info("Feed subscription {} ({}): {}", id, url.host(), failed.error());
            record(owner, id, failed.error(), null);
        } else {
            record(owner, id, null, fetch instanceof FeedFetcher.Fetched f ? f : null);
        }
        return true;
    }

    private FeedFetcher.Fetch store(Subscription subscription, FeedFetcher.Fetched fetched) {
        try {
            FeedCalendars.Replaced replaced =
                    calendars.replaceEvents(subscription.ownerId(), subscription.calendarId(), fetched.body());
            LOG.debug("Feed subscription {}: {}", subscription.id(), replaced);
            return fetched;
        } catch (IcsException e) {
            return new FeedFetcher.Failed("the feed is not valid iCalendar: " + e.getMessage());
        }
    }

    private void record(UUID owner, long id, String error, FeedFetcher.Fetched fetched) {
        jdbi.useTransaction(h -> {
            SubscriptionDao.actAs(h, owner);
            if (error != null) {
                SubscriptionDao.failed(h, owner, id, clock.instant(), error);
            } else {
                SubscriptionDao.succeeded(
                        h,
                        owner,
                        id,
                        clock.instant(),
                        fetched != null,
                        fetched == null ? null : fetched.etag(),
                        fetched == null ? null : fetched.lastModified());
            }
        });
    }
}
