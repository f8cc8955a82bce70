package io.metacortex.calendar.internal.feeds;

import io.metacortex.calendar.internal.CalendarView;
import io.metacortex.calendar.internal.DeclaredHosts;
import io.metacortex.calendar.internal.FeedCalendars;
import io.metacortex.plugin.api.jobs.Jobs;
import io.metacortex.plugin.support.ApiException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Subscriptions and their jobs: each subscription has one recurring job ({@value #JOB}, key
 * {@code subscription-<id>}) that syncs it every {@code refreshMinutes}, scheduled on create, moved when the interval
 * or URL changes and cancelled on delete.
 */
final class FeedSubscriptions {

    static final String JOB = "calendar-feed-sync";

    /** The job's payload: which subscription, whose. */
    record Payload(long subscriptionId, UUID ownerId) {}

    private final Jdbi jdbi;
    private final Jobs jobs;
    private final DeclaredHosts hosts;
    private final FeedCalendars calendars;
    private final FeedSync sync;

    FeedSubscriptions(Jdbi jdbi, Jobs jobs, DeclaredHosts hosts, FeedCalendars calendars, FeedSync sync) {
        this.jdbi = jdbi;
        this.jobs = jobs;
        this.hosts = hosts;
        this.calendars = calendars;
        this.sync = sync;
    }

    static String key(long id) {
        return "subscription-" + id;
    }

    SubscriptionView create(UUID owner, ZoneId userZone, SubscriptionRequest request) {
        SubscriptionFields fields = SubscriptionFields.check(request, null, hosts);
        SubscriptionView view = jdbi.inTransaction(h -> {
            CalendarView calendar = FeedCalendars.insertCalendar(h, owner, fields.name(), fields.colour(), userZone);
            Subscription row =
                    SubscriptionDao.insert(h, owner, calendar.id(), fields.url().text(), fields.refreshMinutes());
            return view(h, row);
        });
        schedule(owner, view.id(), view.refreshMinutes());
        return view;
    }

    List<SubscriptionView> list(UUID owner) {
        return jdbi.withHandle(h ->
                SubscriptionDao.list(h, owner).stream().map(s -> view(h, s)).toList());
    }

    Optional<SubscriptionView> find(UUID owner, long id) {
        return jdbi.withHandle(h -> SubscriptionDao.find(h, owner, id).map(s -> view(h, s)));
    }

    /** Changes the fields given; a new URL or interval reschedules the job (which then syncs at once). */
    Optional<SubscriptionView> update(UUID owner, long id, SubscriptionRequest request) {
        Optional<Subscription> current = jdbi.withHandle(h -> SubscriptionDao.find(h, owner, id));
        if (current.isEmpty()) {
            return Optional.empty();
        }
        SubscriptionView before = find(owner, id).orElseThrow();
        SubscriptionFields fields = SubscriptionFields.check(
                request,
                new SubscriptionFields(
                        current.get().feedUrl(), before.name(), before.colour(), before.refreshMinutes()),
                hosts);
        jdbi.useTransaction(h -> {
            SubscriptionDao.update(h, owner, id, fields.url().text(), fields.refreshMinutes());
            FeedCalendars.updateCalendar(h, owner, current.get().calendarId(), fields.name(), fields.colour());
        });
        if (!fields.url().text().equals(current.get().url()) || fields.refreshMinutes() != before.refreshMinutes()) {
            jobs.cancel(JOB, key(id));
            schedule(owner, id, fields.refreshMinutes());
        }
        return find(owner, id);
    }

    /** Deletes the subscription, its calendar and events, and its job; @return whether it was there */
    boolean delete(UUID owner, long id) {
        Optional<Subscription> found = jdbi.withHandle(h -> SubscriptionDao.find(h, owner, id));
        if (found.isEmpty()) {
            return false;
        }
        jobs.cancel(JOB, key(id));
        calendars.deleteCalendar(owner, found.get().calendarId());
        return true;
    }

    /** Syncs now, as the job does; @return the subscription after it, empty when there is none */
    Optional<SubscriptionView> syncNow(UUID owner, long id) {
        if (!sync.sync(owner, id)) {
            return Optional.empty();
        }
        return find(owner, id);
    }

    /** The job's run: syncs; a subscription deleted meanwhile (with its calendar) ends its job. */
    void run(Payload payload) {
        if (!sync.sync(payload.ownerId(), payload.subscriptionId())) {
            jobs.cancel(JOB, key(payload.subscriptionId()));
        }
    }

    private void schedule(UUID owner, long id, int refreshMinutes) {
        jobs.schedule(JOB, new Payload(id, owner)).key(key(id)).every(Duration.ofMinutes(refreshMinutes));
    }

    private static SubscriptionView view(Handle h, Subscription s) {
        CalendarView calendar =
                FeedCalendars.findCalendar(h, s.ownerId(), s.calendarId()).orElseThrow();
        return new SubscriptionView(
                s.id(),
                s.calendarId(),
                calendar.name(),
                calendar.colour(),
                s.feedUrl().masked(),
                s.refreshMinutes(),
                s.lastSyncAt(),
                s.lastSuccessAt(),
                s.lastError(),
                FeedCalendars.eventCount(h, s.ownerId(), s.calendarId()));
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("subscription not found", "no subscription with id " + id);
    }
}
