package io.metacortex.calendar.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.metacortex.calendar.CalendarPlugin;
import io.metacortex.calendar.internal.feeds.FeedModule;
import io.metacortex.calendar.internal.feeds.SubscriptionRequest;
import io.metacortex.calendar.internal.feeds.SubscriptionResource;
import io.metacortex.calendar.internal.feeds.SubscriptionView;
import io.metacortex.calendar.internal.remote.RemoteAccounts;
import io.metacortex.outbound.OutboundPolicy;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.PageQuery;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestJobs;
import io.metacortex.plugin.testing.TestPluginContext;
import io.metacortex.plugin.testing.TestUriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Subscriptions to ICS feeds served on loopback: the first sync stores the feed's events, a 304 changes nothing, a
 * changed feed replaces events by UID (tombstones for those gone, visible to a sync since a token), and a broken,
 * slow or too large feed keeps the events and records why.
 */
class FeedSubscriptionsTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("calendar", CalendarPlugin.class);

    private static final String JOB = "calendar-feed-sync";

    private static final String FEED_V1 = ics(
            "BEGIN:VEVENT",
            "UID:standup@example.com",
            "DTSTAMP:20260101T000000Z",
            "DTSTART;TZID=Europe/Berlin:20260323T100000",
            "DTEND;TZID=Europe/Berlin:20260323T101500",
            "RRULE:FREQ=WEEKLY;COUNT=3",
            "SUMMARY:Standup",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:standup@example.com",
            "DTSTAMP:20260101T000000Z",
            "RECURRENCE-ID;TZID=Europe/Berlin:20260330T100000",
            "DTSTART;TZID=Europe/Berlin:20260330T110000",
            "DTEND;TZID=Europe/Berlin:20260330T111500",
            "SUMMARY:Standup (moved)",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:party@example.com",
            "DTSTAMP:20260101T000000Z",
            "DTSTART:20260325T180000Z",
            "SUMMARY:Party",
            "END:VEVENT");

    /** The standup renamed (and a new DTSTAMP, as Google writes on every download), the party gone. */
    private static final String FEED_V2 = ics(
            "BEGIN:VEVENT",
            "UID:standup@example.com",
            "DTSTAMP:20260201T000000Z",
            "DTSTART;TZID=Europe/Berlin:20260323T100000",
            "DTEND;TZID=Europe/Berlin:20260323T101500",
            "RRULE:FREQ=WEEKLY;COUNT=3",
            "SUMMARY:Daily standup",
            "END:VEVENT");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final TestPluginContext context = TestPluginContext.of(DB.database())
            .allowHosts("127.0.0.1")
            // one broken feed must not open the breaker for the other tests' calls
            .outboundPolicy(OutboundPolicy.builder()
                    .breaker(new OutboundPolicy.Breaker(100, 100, 100, Duration.ofSeconds(1), 1))
                    .build());
    private final FeedServer feed;
    private final SubscriptionResource subscriptions;
    private final CalendarResource calendars;
    private final EventResource events;

    FeedSubscriptionsTest() throws Exception {
        feed = new FeedServer();
        CalendarModule.start(
                context,
                clock,
                new FakeTaskLookup(),
                new FeedModule.Settings(DeclaredHosts.of("127.0.0.1"), Duration.ofSeconds(3), 20_000),
                RemoteAccounts.Settings.DEFAULTS);
        subscriptions = resource(SubscriptionResource.class);
        calendars = resource(CalendarResource.class);
        events = resource(EventResource.class);
    }

    @AfterEach
    void stopFeed() {
        feed.close();
    }

    private static String ics(String... lines) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Feed//EN\r\n" + String.join("\r\n", lines)
                + "\r\nEND:VCALENDAR\r\n";
    }

    private <T> T resource(Class<T> type) {
        return context.resources().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow();
    }

    private SubscriptionView subscribe(User user, String url) {
        context.actAs(user.id());
        return (SubscriptionView) subscriptions
                .create(
                        user,
                        new SubscriptionRequest(url, "Team", "#ff0000", null),
                        TestUriInfo.at("http://localhost/api/calendar/subscriptions"))
                .getEntity();
    }

    private SubscriptionView sync(User user, SubscriptionView s) {
        context.actAs(user.id());
        return subscriptions.sync(user, Long.toString(s.id()));
    }

    /** Syncs a subscription whose feed is served as it should be. */
    private SubscriptionView synced(User user, SubscriptionView s) {
        SubscriptionView after = sync(user, s);
        assertThat(after.lastError()).as("the sync of a working feed").isNull();
        return after;
    }

    private List<InstanceView> march(User user, SubscriptionView s) {
        context.actAs(user.id());
        return events.instances(user, Long.toString(s.calendarId()), "2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z")
                .items();
    }

    private List<CalendarDao.Change> changesSince(User user, SubscriptionView s, long token) {
        return context.jdbi().withHandle(h -> CalendarDao.changesSince(h, user.id(), s.calendarId(), token));
    }

    private long syncToken(User user, SubscriptionView s) {
        context.actAs(user.id());
        return calendars.get(user, Long.toString(s.calendarId())).syncToken();
    }

    @Test
    void aFeedIsStoredThenNotModifiedThenChanged() {
        feed.serve(FEED_V1, "\"v1\"", "Sun, 01 Mar 2026 07:00:00 GMT");
        SubscriptionView created = subscribe(ALICE, feed.url("/team.ics"));
        assertThat(created.lastSyncAt()).isNull();
        assertThat(created.eventCount()).isZero();

        SubscriptionView first = sync(ALICE, created);

        assertThat(first.lastError()).isNull();
        assertThat(first.lastSyncAt()).isEqualTo(clock.instant());
        assertThat(first.lastSuccessAt()).isEqualTo(clock.instant());
        assertThat(first.eventCount()).isEqualTo(2);
        assertThat(feed.lastRequest().containsKey("If-None-Match")).isFalse();
        assertThat(march(ALICE, first))
                .extracting(InstanceView::uid, InstanceView::recurrenceId, InstanceView::title, InstanceView::start)
                .containsExactly(
                        tuple("standup@example.com", "20260323T090000Z", "Standup", "2026-03-23T10:00+01:00"),
                        tuple("party@example.com", null, "Party", "2026-03-25T18:00Z"),
                        tuple("standup@example.com", "20260330T080000Z", "Standup (moved)", "2026-03-30T11:00+02:00"),
                        tuple("standup@example.com", "20260406T080000Z", "Standup", "2026-04-06T10:00+02:00"));
        long token = syncToken(ALICE, first);

        clock.set(Instant.parse("2026-03-01T09:00:00Z"));
        SubscriptionView unchanged = sync(ALICE, first);

        assertThat(feed.lastRequest().getFirst("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(feed.lastRequest().getFirst("If-Modified-Since")).isEqualTo("Sun, 01 Mar 2026 07:00:00 GMT");
        assertThat(unchanged.lastSyncAt()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(unchanged.lastError()).isNull();
        assertThat(unchanged.eventCount()).isEqualTo(2);
        assertThat(syncToken(ALICE, unchanged)).isEqualTo(token);
        assertThat(changesSince(ALICE, first, token)).isEmpty();

        feed.serve(FEED_V2, "\"v2\"", null);
        SubscriptionView changed = sync(ALICE, unchanged);

        assertThat(changed.eventCount()).isEqualTo(1);
        assertThat(changesSince(ALICE, changed, token))
                .extracting(CalendarDao.Change::uid, CalendarDao.Change::deleted)
                .containsExactlyInAnyOrder(tuple("standup@example.com", false), tuple("party@example.com", true));
        assertThat(march(ALICE, changed))
                .extracting(InstanceView::title)
                .containsExactly("Daily standup", "Daily standup", "Daily standup");
        long afterChange = syncToken(ALICE, changed);

        // The same events with only a new DTSTAMP are no change.
        feed.serve(FEED_V2.replace("DTSTAMP:20260201T000000Z", "DTSTAMP:20260301T000000Z"), "\"v3\"", null);
        SubscriptionView restamped = sync(ALICE, changed);
        assertThat(restamped.lastError()).isNull();
        assertThat(syncToken(ALICE, restamped)).isEqualTo(afterChange);
        // The new validators are sent next time.
        sync(ALICE, restamped);
        assertThat(feed.lastRequest().getFirst("If-None-Match")).isEqualTo("\"v3\"");
        assertThat(feed.lastRequest().containsKey("If-Modified-Since")).isFalse();
    }

    @Test
    void aBrokenFeedKeepsTheEventsAndSaysWhy() {
        feed.serve(FEED_V1, null, null);
        SubscriptionView s = synced(ALICE, subscribe(ALICE, feed.url("/team.ics")));
        long token = syncToken(ALICE, s);
        Instant succeeded = s.lastSuccessAt();

        feed.fail(500, "oops");
        clock.set(Instant.parse("2026-03-01T10:00:00Z"));
        SubscriptionView failed = sync(ALICE, s);
        assertThat(failed.lastError()).isEqualTo("the feed answered HTTP 500");
        assertThat(failed.lastSyncAt()).isEqualTo(clock.instant());
        assertThat(failed.lastSuccessAt()).isEqualTo(succeeded);
        assertThat(failed.eventCount()).isEqualTo(2);

        feed.serve(FEED_V2.replace("END:VEVENT", "BROKEN LINE\r\nEND:VEVENT"), null, null);
        SubscriptionView malformed = sync(ALICE, s);
        assertThat(malformed.lastError()).startsWith("the feed is not valid iCalendar: line 11:");
        assertThat(malformed.eventCount()).isEqualTo(2);

        feed.serve(FEED_V1 + "X".repeat(20_000), null, null);
        assertThat(sync(ALICE, s).lastError()).isEqualTo("the feed is larger than 20000 bytes");

        feed.fail(301, "");
        assertThat(sync(ALICE, s).lastError()).startsWith("the feed answered HTTP 301 (redirects are not followed");

        assertThat(syncToken(ALICE, s)).isEqualTo(token);
        assertThat(march(ALICE, s)).hasSize(4);

        feed.serve(FEED_V2, null, null);
        SubscriptionView recovered = sync(ALICE, s);
        assertThat(recovered.lastError()).isNull();
        assertThat(recovered.eventCount()).isEqualTo(1);
    }

    @Test
    void aSlowFeedTimesOutAndKeepsTheEvents() {
        feed.serve(FEED_V1, null, null);
        SubscriptionView s = synced(ALICE, subscribe(ALICE, feed.url("/team.ics")));
        long token = syncToken(ALICE, s);

        feed.serve(FEED_V2, null, null);
        feed.hold();
        SubscriptionView slow;
        try {
            slow = sync(ALICE, s);
        } finally {
            feed.release();
        }

        assertThat(slow.lastError()).isEqualTo("the feed did not answer within 3 seconds");
        assertThat(slow.eventCount()).isEqualTo(2);
        assertThat(syncToken(ALICE, s)).isEqualTo(token);
    }

    @Test
    void aHostThePluginMayNotReachIsRefusedAndNothingIsStored() {
        context.actAs(ALICE.id());
        for (String url : List.of("https://evil.example.com/cal.ics", "ftp://127.0.0.1/cal.ics", "not a url")) {
            ApiError error = failsWith(
                    422,
                    () -> subscriptions.create(
                            ALICE,
                            new SubscriptionRequest(url, "Team", null, null),
                            TestUriInfo.at("http://localhost/api/calendar/subscriptions")));
            assertThat(error.fields()).containsOnlyKeys("url");
        }
        ApiError hosts = failsWith(
                422,
                () -> subscriptions.create(
                        ALICE,
                        new SubscriptionRequest("https://evil.example.com/cal.ics", "", "red", 1),
                        TestUriInfo.at("http://localhost/api/calendar/subscriptions")));
        assertThat(hosts.fields().get("url"))
                .isEqualTo("the calendar may not reach evil.example.com; feeds may be on these hosts: 127.0.0.1");
        assertThat(hosts.fields()).containsOnlyKeys("url", "name", "colour", "refreshMinutes");

        assertThat(subscriptions.list(ALICE).items()).isEmpty();
        assertThat(calendars.list(ALICE, PageQuery.of(null, null)).items()).isEmpty();
        assertThat(context.jobs().scheduled()).isEmpty();
        assertThat(feed.requests()).isEmpty();
    }

    @Test
    void anotherUsersSubscriptionIsNotFound() {
        feed.serve(FEED_V1, null, null);
        SubscriptionView alices = synced(ALICE, subscribe(ALICE, feed.url("/team.ics")));
        String id = Long.toString(alices.id());
        int requests = feed.requests().size();

        context.actAs(BOB.id());
        assertThat(failsWith(404, () -> subscriptions.get(BOB, id)).error()).isEqualTo("subscription not found");
        failsWith(404, () -> subscriptions.update(BOB, id, new SubscriptionRequest(null, "Mine", null, null)));
        failsWith(404, () -> subscriptions.sync(BOB, id));
        failsWith(404, () -> subscriptions.delete(BOB, id));
        failsWith(404, () -> subscriptions.get(BOB, "abc"));
        assertThat(subscriptions.list(BOB).items()).isEmpty();

        context.actAs(ALICE.id());
        assertThat(subscriptions.get(ALICE, id).name()).isEqualTo("Team");
        assertThat(subscriptions.get(ALICE, id).eventCount()).isEqualTo(2);
        assertThat(feed.requests()).hasSize(requests);
    }

    @Test
    void theJobSyncsOutsideOfARequestMovesWithThePatchAndEndsWithTheDelete() throws Exception {
        feed.serve(FEED_V1, null, null);
        SubscriptionView s = subscribe(ALICE, feed.url("/team.ics"));
        String key = "subscription-" + s.id();
        assertThat(context.jobs().scheduled())
                .extracting(TestJobs.Scheduled::type, TestJobs.Scheduled::key, TestJobs.Scheduled::recurrence)
                .containsExactly(tuple(JOB, key, "every PT1H"));

        context.actAs(null);
        context.jobs().run(JOB, key);

        context.actAs(ALICE.id());
        assertThat(subscriptions.get(ALICE, Long.toString(s.id())).eventCount()).isEqualTo(2);

        SubscriptionView patched = subscriptions.update(
                ALICE, Long.toString(s.id()), new SubscriptionRequest(null, "Team B", "#00FF00", 15));
        assertThat(patched)
                .extracting(SubscriptionView::name, SubscriptionView::colour, SubscriptionView::refreshMinutes)
                .containsExactly("Team B", "#00ff00", 15);
        assertThat(context.jobs().scheduled())
                .extracting(TestJobs.Scheduled::key, TestJobs.Scheduled::recurrence)
                .containsExactly(tuple(key, "every PT15M"));
        failsWith(
                422,
                () -> subscriptions.update(
                        ALICE, Long.toString(s.id()), new SubscriptionRequest("https://x.example/", null, null, 4)));
        assertThat(subscriptions.get(ALICE, Long.toString(s.id())).refreshMinutes())
                .isEqualTo(15);

        subscriptions.delete(ALICE, Long.toString(s.id()));

        assertThat(context.jobs().scheduled()).isEmpty();
        assertThat(subscriptions.list(ALICE).items()).isEmpty();
        assertThat(calendars.list(ALICE, PageQuery.of(null, null)).items()).isEmpty();
        long left = context.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM calendar_objects")
                        .mapTo(Long.class)
                        .one());
        assertThat(left).isZero();
    }

    @Test
    void aJobWhoseCalendarWasDeletedEndsItself() throws Exception {
        SubscriptionView s = subscribe(ALICE, feed.url("/team.ics"));
        calendars.delete(ALICE, Long.toString(s.calendarId()));

        context.actAs(null);
        context.jobs().run(JOB, "subscription-" + s.id());

        assertThat(context.jobs().scheduled()).isEmpty();
        assertThat(feed.requests()).isEmpty();
    }

    @Test
    void theEventsOfASubscriptionAreReadOnly() {
        feed.serve(FEED_V1, null, null);
        SubscriptionView s = synced(ALICE, subscribe(ALICE, feed.url("/team.ics")));
        String calendar = Long.toString(s.calendarId());
        long token = syncToken(ALICE, s);

        ApiError create = failsWith(
                409,
                () -> events.create(
                        ALICE,
                        calendar,
                        CalendarHarness.timed("Mine", "2026-03-02T10:00:00Z", null, null, null),
                        TestUriInfo.at("http://localhost/api/calendar/calendars/" + calendar + "/events")));
        assertThat(create.error()).isEqualTo("calendar is read-only");
        failsWith(409, () -> events.delete(ALICE, calendar, "party@example.com"));
        failsWith(
                409,
                () -> events.replace(
                        ALICE,
                        calendar,
                        "party@example.com",
                        CalendarHarness.timed("Mine", "2026-03-02T10:00:00Z", null, null, null)));
        failsWith(409, () -> calendars.importIcs(ALICE, calendar, FEED_V2));

        assertThat(syncToken(ALICE, s)).isEqualTo(token);
        assertThat(events.get(ALICE, calendar, "party@example.com").title()).isEqualTo("Party");
    }

    @Test
    void credentialsInTheUrlAreSentAndNeverShown() {
        feed.serve(FEED_V1, null, null);
        String url = feed.url("/team.ics").replace("http://", "http://ada:s3cret@");

        SubscriptionView s = synced(ALICE, subscribe(ALICE, url));

        assertThat(s.url()).isEqualTo(feed.url("/team.ics").replace("http://", "http://***@"));
        assertThat(subscriptions.list(ALICE).items())
                .extracting(SubscriptionView::url)
                .containsExactly(s.url());
        assertThat(feed.lastRequest().getFirst("Authorization")).isEqualTo("Basic YWRhOnMzY3JldA==");
        assertThat(s.eventCount()).isEqualTo(2);
    }
}
