package io.metacortex.calendar.internal;

import static io.metacortex.calendar.internal.CalendarHarness.timed;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.calendar.CalendarPlugin;
import io.metacortex.calendar.internal.DavCalls.Reply;
import io.metacortex.plugin.testing.ApiExceptionAssert;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestJobs;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CalDAV routes called as Jersey would, on real PostgreSQL: discovery, calendars, events with their ETags and
 * preconditions, the three reports with sync tokens, MKCALENDAR and PROPPATCH, refused bodies (changing nothing), and
 * another user's URLs (404 everywhere).
 */
class CalDavResourceTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("calendar", CalendarPlugin.class);

    private static final String PROPFIND_ALL = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/"
                xmlns:a="http://apple.com/ns/ical/" xmlns:x="urn:example:unknown">
              <d:prop><d:displayname/><d:resourcetype/><a:calendar-color/><cs:getctag/><d:sync-token/>
                <c:supported-calendar-component-set/><c:calendar-timezone/><d:current-user-privilege-set/>
                <d:getetag/><d:getcontenttype/><d:getlastmodified/><x:shoe-size/></d:prop>
            </d:propfind>""";

    private final CalendarHarness app = new CalendarHarness(DB);
    private final DavCalls alice = new DavCalls(app, ALICE);
    private final DavCalls bob = new DavCalls(app, BOB);
    private long work;
    private String workPath;

    @BeforeEach
    void aliceHasACalendar() {
        work = app.calendar(ALICE, "Work", "Europe/Berlin").id();
        workPath = alice.calendar(Long.toString(work));
    }

    static String event(String uid, String summary, String... more) {
        return String.join(
                "\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//Example//Client//EN",
                "BEGIN:VEVENT",
                "UID:" + uid,
                "DTSTAMP:20260101T000000Z",
                "DTSTART:20260310T090000Z",
                "DTEND:20260310T100000Z",
                "SUMMARY:" + summary,
                String.join("\r\n", more).isEmpty() ? "X-NOTHING:1" : String.join("\r\n", more),
                "END:VEVENT",
                "END:VCALENDAR",
                "");
    }

    private static String syncReport(String token) {
        return "<d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>" + token + "</d:sync-token>"
                + "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>";
    }

    private static String tokenOf(String multistatus) {
        Matcher token = Pattern.compile("<d:sync-token>([^<]*)</d:sync-token>").matcher(multistatus);
        assertThat(token.find()).as(multistatus).isTrue();
        return token.group(1);
    }

    @Test
    void discoveryLeadsFromTheRootToThePrincipalAndTheCalendarHome() {
        Reply root = alice.propfind("", "0", """
                <d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/></d:prop></d:propfind>""");
        Reply principal = alice.propfind("principals/" + ALICE.id() + "/", "0", """
                <d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:displayname/>
                <d:principal-URL/><c:calendar-home-set/><d:resourcetype/></d:prop></d:propfind>""");

        assertThat(root.status()).isEqualTo(207);
        assertThat(root.body())
                .contains("<d:href>/api/calendar/dav/</d:href>")
                .contains("<d:current-user-principal><d:href>/api/calendar/dav/principals/" + ALICE.id()
                        + "/</d:href></d:current-user-principal>");
        assertThat(principal.status()).isEqualTo(207);
        assertThat(principal.body())
                .contains("<d:displayname>Alice</d:displayname>")
                .contains("<c:calendar-home-set><d:href>/api/calendar/dav/calendars/" + ALICE.id()
                        + "/</d:href></c:calendar-home-set>")
                .contains("<d:principal/>");
    }

    @Test
    void theHomeListsTheCalendarsWithTheirPropertiesAndLeavesUnknownOnes404() {
        app.calendar(ALICE, "Home", "UTC");
        Reply depth0 = alice.propfind(alice.home(), "0", PROPFIND_ALL);
        Reply depth1 = alice.propfind(alice.home(), "1", PROPFIND_ALL);

        assertThat(depth0.body()).doesNotContain("Work");
        assertThat(depth1.status()).isEqualTo(207);
        assertThat(depth1.body())
                .contains("<d:href>/api/calendar/dav/" + workPath + "</d:href>")
                .contains("<d:displayname>Work</d:displayname>", "<d:displayname>Home</d:displayname>")
                .contains("<a:calendar-color>#3a87ad</a:calendar-color>")
                .contains("<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>")
                .contains("<c:supported-calendar-component-set><c:comp name=\"VEVENT\"/>")
                .contains("<cs:getctag>0</cs:getctag>")
                .contains("<d:sync-token>urn:metacortex:calendar:" + work + ":0</d:sync-token>")
                .contains("TZID:Europe/Berlin")
                .contains("<d:privilege><d:write/></d:privilege>")
                .contains("<x:shoe-size xmlns:x=\"urn:example:unknown\"/>")
                .contains("HTTP/1.1 404 Not Found");
    }

    @Test
    void anEventPutOverDavIsAnEventOfTheRestApiAndTheOtherWayRound() {
        Reply created = alice.put(workPath + "dav-1.ics", null, "*", event("dav-1", "From a phone", """
                BEGIN:VALARM\r
                ACTION:DISPLAY\r
                TRIGGER:-PT15M\r
                END:VALARM"""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.etag()).matches("\"[0-9a-f]{64}\"");

        app.as(ALICE);
        EventView seen = app.events.get(ALICE, Long.toString(work), "dav-1");
        assertThat(seen.title()).isEqualTo("From a phone");
        assertThat('"' + seen.etag() + '"').isEqualTo(created.etag());
        // reminders are scheduled as for the REST API
        assertThat(app.context.jobs().scheduled())
                .extracting(TestJobs.Scheduled::type)
                .containsExactly("calendar-reminder");

        EventView rest = app.create(
                ALICE, work, timed("From the web", "2026-03-11T10:00:00+01:00", null, "Europe/Berlin", null));
        Reply listed = alice.propfind(workPath, "1", PROPFIND_ALL);
        assertThat(listed.body())
                .contains("<d:href>/api/calendar/dav/" + workPath + "dav-1.ics</d:href>")
                .contains("<d:href>/api/calendar/dav/" + workPath + rest.uid() + ".ics</d:href>")
                .contains("<d:getetag>&quot;" + rest.etag() + "&quot;</d:getetag>")
                .contains("<d:getcontenttype>text/calendar; charset=utf-8; component=vevent</d:getcontenttype>")
                .containsPattern("<d:getlastmodified>[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} [0-9:]{8} GMT<");

        Reply read = alice.get(workPath + rest.uid() + ".ics");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.etag()).isEqualTo('"' + rest.etag() + '"');
        // a REST-created event names its zone by TZID: it is served with that zone's VTIMEZONE
        assertThat(read.body())
                .contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n")
                .contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
                .contains("TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200")
                .contains("DTSTART;TZID=Europe/Berlin:20260311T100000");
    }

    @Test
    void etagsChangeOnEveryWriteAndStaleOnesAre412ChangingNothing() {
        Reply created = alice.put(workPath + "e.ics", null, null, event("e", "One"));
        Reply updated = alice.put(workPath + "e.ics", created.etag(), null, event("e", "Two"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(204);
        assertThat(updated.etag()).isNotEqualTo(created.etag());

        Reply stale = alice.put(workPath + "e.ics", created.etag(), null, event("e", "Three"));
        Reply exists = alice.put(workPath + "e.ics", null, "*", event("e", "Four"));
        Reply missing = alice.put(workPath + "nope.ics", "\"abc\"", null, event("nope", "Five"));
        Reply staleDelete = alice.delete(workPath + "e.ics", created.etag());
        assertThat(List.of(stale.status(), exists.status(), missing.status(), staleDelete.status()))
                .containsOnly(412);
        assertThat(stale.body()).contains("If-Match");
        Reply now = alice.get(workPath + "e.ics");
        assertThat(now.etag()).isEqualTo(updated.etag());
        assertThat(now.body()).contains("SUMMARY:Two");
        assertThat(DB.count("calendar_objects")).isEqualTo(1);

        Reply deleted = alice.delete(workPath + "e.ics", updated.etag());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(alice.get(workPath + "e.ics").status()).isEqualTo(404);
        ApiExceptionAssert.failsWith(404, () -> app.events.get(ALICE, Long.toString(work), "e"));
        assertThat(alice.delete(workPath + "e.ics", null).status()).isEqualTo(404);
    }

    @Test
    void badCalendarDataIsRefusedWithItsPreconditionAndNothingIsStored() {
        String vtodo = event("t", "Todo").replace("VEVENT", "VTODO");
        String twoUids = event("a", "A")
                .replace(
                        "END:VCALENDAR",
                        "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260101T000000Z\r\n" + "END:VEVENT\r\nEND:VCALENDAR");
        List<Supplier<Reply>> refused = List.of(
                () -> alice.put(
                        workPath + "x.ics", null, null, "BEGIN:VCALENDAR\r\nSUMMARY Broken\r\nEND:VCALENDAR\r\n"),
                () -> alice.put(
                        workPath + "x.ics",
                        null,
                        null,
                        event("x", "No start").replace("DTSTART:20260310T090000Z\r\n", "")),
                () -> alice.put(workPath + "x.ics", null, null, ""),
                () -> alice.put(workPath + "t.ics", null, null, vtodo),
                () -> alice.put(workPath + "a.ics", null, null, twoUids),
                () -> alice.put(workPath + "other-name.ics", null, null, event("x", "Wrong name")),
                () -> alice.put(workPath + "x.ics", "application/json", "{}"));
        List<String> conditions = List.of(
                "<c:valid-calendar-data/>",
                "<c:valid-calendar-data/>",
                "<c:valid-calendar-data/>",
                "<c:supported-calendar-component/>",
                "<c:valid-calendar-object-resource/>",
                "<c:valid-calendar-object-resource/>",
                "<c:supported-calendar-data/>");
        for (int i = 0; i < refused.size(); i++) {
            Reply reply = refused.get(i).get();
            assertThat(reply.status()).as(reply.body()).isEqualTo(403);
            assertThat(reply.body()).contains("<d:error", conditions.get(i), "<m:message>");
        }
        assertThat(alice.put(workPath + "x.ics", null, null, "BEGIN:VCALENDAR\r\nSUMMARY Broken\r\nEND:VCALENDAR\r\n")
                        .body())
                .contains("line 2");
        assertThat(DB.count("calendar_objects")).isZero();
        assertThat(app.calendars.get(ALICE, Long.toString(work)).syncToken()).isZero();
    }

    @Test
    void syncCollectionListsEverythingThenTheChangesSinceATokenWithDeletionsAs404() {
        Reply first = alice.put(workPath + "one.ics", null, null, event("one", "One"));
        alice.put(workPath + "two.ics", null, null, event("two", "Two"));

        Reply initial = alice.report(workPath, syncReport(""));
        assertThat(initial.status()).isEqualTo(207);
        assertThat(initial.body()).contains("one.ics", "two.ics").doesNotContain("404");
        String token = tokenOf(initial.body());
        assertThat(token).isEqualTo("urn:metacortex:calendar:" + work + ":2");

        assertThat(tokenOf(alice.report(workPath, syncReport(token)).body())).isEqualTo(token);
        assertThat(alice.report(workPath, syncReport(token)).body()).doesNotContain(".ics");

        alice.put(workPath + "one.ics", first.etag(), null, event("one", "One again"));
        alice.delete(workPath + "two.ics", null);
        alice.put(workPath + "three.ics", null, null, event("three", "Three"));
        Reply changes = alice.report(workPath, syncReport(token));

        assertThat(changes.body())
                .contains("<d:href>/api/calendar/dav/" + workPath + "one.ics</d:href><d:propstat>")
                .contains("<d:href>/api/calendar/dav/" + workPath + "two.ics</d:href>"
                        + "<d:status>HTTP/1.1 404 Not Found</d:status>")
                .contains("three.ics");
        assertThat(tokenOf(changes.body())).isEqualTo("urn:metacortex:calendar:" + work + ":5");

        long other = app.calendar(ALICE, "Other", "UTC").id();
        for (String invalid : List.of(
                "garbage", "urn:metacortex:calendar:" + work + ":99", "urn:metacortex:calendar:" + other + ":0")) {
            Reply refused = alice.report(workPath, syncReport(invalid));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("<d:valid-sync-token/>");
        }
    }

    @Test
    void calendarQueryExpandsRecurringSeriesIntoTheTimeRange() {
        alice.put(workPath + "weekly.ics", null, null, event("weekly", "Weekly", "RRULE:FREQ=WEEKLY;COUNT=20"));
        alice.put(workPath + "single.ics", null, null, event("single", "Single"));
        alice.put(
                workPath + "skipped.ics",
                null,
                null,
                event("skipped", "Skipped", "RRULE:FREQ=WEEKLY;COUNT=2", "EXDATE:20260317T090000Z"));

        Reply june =
                alice.report(workPath, query("<c:time-range start=\"20260601T000000Z\" end=\"20260608T000000Z\"/>"));
        Reply march =
                alice.report(workPath, query("<c:time-range start=\"20260316T000000Z\" end=\"20260318T000000Z\"/>"));
        Reply all = alice.report(workPath, query(""));
        Reply todos = alice.report(workPath, query("").replace("\"VEVENT\"", "\"VTODO\""));

        assertThat(june.status()).isEqualTo(207);
        assertThat(june.body()).contains("weekly.ics", "BEGIN:VCALENDAR").doesNotContain("single.ics");
        assertThat(march.body())
                .contains("weekly.ics")
                .doesNotContain("single.ics")
                .doesNotContain("skipped.ics");
        assertThat(all.body()).contains("weekly.ics", "single.ics", "skipped.ics");
        assertThat(todos.body()).doesNotContain(".ics");

        // by UID, as python3-caldav's event_by_uid asks: a case-insensitive text-match, or its negation
        Reply byUid = alice.report(
                workPath, query("<c:prop-filter name=\"UID\"><c:text-match>WEEKLY</c:text-match></c:prop-filter>"));
        Reply notByUid = alice.report(
                workPath,
                query("<c:prop-filter name=\"UID\"><c:text-match"
                        + " negate-condition=\"yes\">weekly</c:text-match></c:prop-filter>"));
        Reply noLocation =
                alice.report(workPath, query("<c:prop-filter name=\"LOCATION\"><c:is-not-defined/></c:prop-filter>"));
        assertThat(byUid.body()).contains("weekly.ics").doesNotContain("single.ics");
        assertThat(notByUid.body()).contains("single.ics", "skipped.ics").doesNotContain("weekly.ics");
        assertThat(noLocation.body()).contains("single.ics", "skipped.ics", "weekly.ics");

        Reply paramFilter = alice.report(
                workPath,
                query("<c:prop-filter name=\"ATTENDEE\"><c:param-filter name=\"PARTSTAT\"/></c:prop-filter>"));
        Reply alarms = alice.report(workPath, query("<c:comp-filter name=\"VALARM\"/>"));
        Reply badRange = alice.report(workPath, query("<c:time-range start=\"tomorrow\"/>"));
        for (Reply unsupported : List.of(paramFilter, alarms)) {
            assertThat(unsupported.status()).isEqualTo(403);
            assertThat(unsupported.body()).contains("<c:supported-filter/>");
        }
        assertThat(badRange.status()).isEqualTo(403);
        assertThat(badRange.body()).contains("<c:valid-filter/>");
    }

    private static String query(String test) {
        return """
                <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
                  <d:prop><d:getetag/><c:calendar-data/></d:prop>
                  <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">%s</c:comp-filter>
                  </c:comp-filter></c:filter>
                </c:calendar-query>""".formatted(test);
    }

    @Test
    void multigetAnswersEachHrefAndMissingOnesAre404() {
        alice.put(workPath + "one.ics", null, null, event("one", "One"));
        Reply multiget = alice.report(workPath, """
                <c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
                  <d:prop><d:getetag/><c:calendar-data/></d:prop>
                  <d:href>/api/calendar/dav/%sone.ics</d:href>
                  <d:href>http://localhost/api/calendar/dav/%sgone.ics</d:href>
                </c:calendar-multiget>""".formatted(workPath, workPath));

        assertThat(multiget.status()).isEqualTo(207);
        assertThat(multiget.body())
                .contains("SUMMARY:One")
                .contains("<d:href>http://localhost/api/calendar/dav/" + workPath
                        + "gone.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status>");
        assertThat(alice.report(workPath, "<d:expand-property xmlns:d=\"DAV:\"/>")
                        .body())
                .contains("<d:supported-report/>");
    }

    @Test
    void mkcalendarProppatchAndDeleteOfACalendar() {
        Reply made = alice.mkcalendar(alice.calendar("c0ffee-1"), """
                <c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:a="http://apple.com/ns/ical/">
                  <d:set><d:prop><d:displayname>Travel</d:displayname><a:calendar-color>#FF8800FF</a:calendar-color>
                  <c:calendar-timezone>BEGIN:VCALENDAR
                BEGIN:VTIMEZONE
                TZID:America/New_York
                END:VTIMEZONE
                END:VCALENDAR</c:calendar-timezone>
                  <c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set>
                  </d:prop></d:set>
                </c:mkcalendar>""");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        CalendarView travel = app.list(ALICE).stream()
                .filter(c -> c.name().equals("Travel"))
                .findFirst()
                .orElseThrow();
        assertThat(travel.colour()).isEqualTo("#ff8800");
        assertThat(travel.timeZone()).isEqualTo("America/New_York");

        assertThat(alice.mkcalendar(alice.calendar("c0ffee-1"), "").status()).isEqualTo(405);
        Reply windowsZone = alice.mkcalendar(alice.calendar("c0ffee-2"), """
                <c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>
                <c:calendar-timezone>BEGIN:VCALENDAR&#13;
                BEGIN:VTIMEZONE&#13;
                TZID:W. Europe Standard Time&#13;
                END:VTIMEZONE&#13;
                END:VCALENDAR</c:calendar-timezone></d:prop></d:set></c:mkcalendar>""");
        assertThat(windowsZone.status()).isEqualTo(201);
        assertThat(app.list(ALICE))
                .filteredOn(c -> c.name().equals("c0ffee-2"))
                .extracting(CalendarView::timeZone)
                .containsExactly("UTC");
        assertThat(alice.delete(alice.calendar("c0ffee-2"), null).status()).isEqualTo(204);
        assertThat(alice.mkcalendar(alice.calendar("12345"), "").status()).isEqualTo(403);
        assertThat(alice.mkcalendar(alice.calendar("tasks"), """
                <c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>
                <c:supported-calendar-component-set><c:comp name="VTODO"/></c:supported-calendar-component-set>
                </d:prop></d:set></c:mkcalendar>""").body()).contains("<c:supported-calendar-component/>");

        Reply patched = alice.proppatch(alice.calendar("c0ffee-1"), """
                <d:propertyupdate xmlns:d="DAV:" xmlns:a="http://apple.com/ns/ical/"><d:set><d:prop>
                <d:displayname>Trips</d:displayname><a:calendar-color>#112233</a:calendar-color></d:prop></d:set>
                </d:propertyupdate>""");
        assertThat(patched.status()).isEqualTo(207);
        assertThat(patched.body()).contains("HTTP/1.1 200 OK").doesNotContain("403");
        CalendarView trips = app.calendars.get(ALICE, Long.toString(travel.id()));
        assertThat(trips.name()).isEqualTo("Trips");
        assertThat(trips.colour()).isEqualTo("#112233");

        Reply refused = alice.proppatch(alice.calendar("c0ffee-1"), """
                <d:propertyupdate xmlns:d="DAV:" xmlns:x="urn:example"><d:set><d:prop>
                <d:displayname>Never</d:displayname><x:colour-of-the-day>red</x:colour-of-the-day></d:prop></d:set>
                </d:propertyupdate>""");
        assertThat(refused.body()).contains("HTTP/1.1 403 Forbidden", "HTTP/1.1 424 Failed Dependency");
        assertThat(app.calendars.get(ALICE, Long.toString(travel.id())).name()).isEqualTo("Trips");

        assertThat(alice.propfind(alice.calendar("c0ffee-1"), "0", PROPFIND_ALL).body())
                .contains("<d:displayname>Trips</d:displayname>");
        assertThat(alice.delete(alice.calendar("c0ffee-1"), null).status()).isEqualTo(204);
        assertThat(app.list(ALICE)).extracting(CalendarView::name).containsExactly("Work");
    }

    @Test
    void anotherUsersUrlsAre404AndChangeNothing() {
        Reply created = alice.put(workPath + "private.ics", null, null, event("private", "Private"));
        String object = workPath + "private.ics";
        String principal = "principals/" + ALICE.id() + "/";
        List<Supplier<Reply>> routes = List.of(
                () -> bob.propfind(principal, "0", ""),
                () -> bob.propfind(alice.home(), "1", ""),
                () -> bob.propfind(workPath, "1", ""),
                () -> bob.propfind(object, "0", ""),
                () -> bob.get(object),
                () -> bob.put(object, null, null, event("private", "Bob's now")),
                () -> bob.delete(object, null),
                () -> bob.delete(workPath, null),
                () -> bob.report(workPath, syncReport("")),
                () -> bob.proppatch(workPath, "<d:propertyupdate xmlns:d=\"DAV:\"/>"),
                () -> bob.mkcalendar(alice.calendar("mine"), ""));
        for (Supplier<Reply> route : routes) {
            Reply reply = route.get();
            assertThat(reply.status()).as(reply.body()).isEqualTo(404);
            assertThat(reply.body()).doesNotContain("Private");
        }
        // Bob's own URLs with Alice's calendar id find nothing either
        assertThat(bob.propfind(bob.calendar(Long.toString(work)), "1", "").status())
                .isEqualTo(404);
        assertThat(bob.get(bob.calendar(Long.toString(work)) + "private.ics").status())
                .isEqualTo(404);
        assertThat(bob.propfind(bob.home(), "1", "").body()).doesNotContain("Work");
        assertThat(alice.get(object).etag()).isEqualTo(created.etag());
        assertThat(app.list(ALICE)).hasSize(1);
    }

    @Test
    void malformedXmlAndEntitiesAre400AndNeverExpanded() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE d:propfind [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <d:propfind xmlns:d="DAV:"><d:prop><d:displayname>&secret;</d:displayname></d:prop></d:propfind>""";
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <d:propfind xmlns:d="DAV:"><d:prop><d:displayname>&b;</d:displayname></d:prop></d:propfind>""";
        for (String body : List.of(xxe, bomb, "<d:propfind xmlns:d=\"DAV:\">", "<d:notpropfind xmlns:d=\"DAV:\"/>")) {
            Reply reply = alice.propfind(workPath, "0", body);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).doesNotContain("root:");
        }
        assertThat(alice.report(workPath, "").status()).isEqualTo(400);
        assertThat(alice.proppatch(workPath, xxe).status()).isEqualTo(400);
        assertThat(alice.mkcalendar(alice.calendar("x"), xxe).status()).isEqualTo(400);
        assertThat(app.list(ALICE)).hasSize(1);
    }

    @Test
    void optionsNameTheDavClassesAndMethods() {
        var options = app.dav.options();
        assertThat(options.getHeaderString("DAV")).isEqualTo("1, 3, calendar-access");
        assertThat(options.getHeaderString("Allow")).contains("PROPFIND", "REPORT", "MKCALENDAR", "PUT", "DELETE");
        assertThat(alice.get(workPath).status()).isEqualTo(405);
        assertThat(alice.get("nowhere/").status()).isEqualTo(404);
        assertThat(alice.put(workPath, null, null, event("x", "x")).status()).isEqualTo(403);
    }

    @Test
    void resourcesAnswerOnlyTheMethodsTheyHave() {
        alice.put(workPath + "meeting 1@example.com.ics", null, null, event("meeting 1@example.com", "Encoded"));
        String object = workPath + "meeting 1@example.com.ics";

        Reply listed = alice.propfind(workPath, "1", "<d:propfind xmlns:d=\"DAV:\"><d:allprop/></d:propfind>");
        Reply one = alice.propfind(object, "0", "");
        assertThat(listed.body())
                .contains("/meeting%201@example.com.ics</d:href>")
                .doesNotContain("SUMMARY:Encoded");
        assertThat(one.status()).isEqualTo(207);
        assertThat(one.body()).contains("<d:getetag>").doesNotContain("calendar-data");
        assertThat(alice.get(object).body()).contains("SUMMARY:Encoded");

        Reply patchHome = alice.proppatch(alice.home(), """
                <d:propertyupdate xmlns:d="DAV:"><d:set><d:prop><d:displayname>x</d:displayname></d:prop></d:set>
                </d:propertyupdate>""");
        assertThat(patchHome.status()).isEqualTo(207);
        assertThat(patchHome.body()).contains("HTTP/1.1 403 Forbidden");
        assertThat(alice.report(alice.home(), syncReport("")).body()).contains("<d:supported-report/>");
        assertThat(alice.report(object, syncReport("")).status()).isEqualTo(403);
        assertThat(alice.get("principals/" + ALICE.id() + "/").status()).isEqualTo(405);
        assertThat(alice.delete(alice.home(), null).body()).contains("<d:need-privileges/>");
        assertThat(alice.delete("elsewhere/", null).status()).isEqualTo(404);
        assertThat(alice.mkcalendar(alice.home(), "").status()).isEqualTo(403);
        assertThat(alice.mkcalendar(alice.calendar("a b"), "").status()).isEqualTo(403);
        assertThat(alice.put(alice.calendar("missing") + "x.ics", null, null, event("x", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(alice.propfind(alice.calendar("missing"), "0", "").status()).isEqualTo(404);
        assertThat(alice.propfind(workPath + "missing.ics", "0", "").status()).isEqualTo(404);
        assertThat(alice.propfind("calendars/" + ALICE.id() + "/a/b/c/", "0", "")
                        .status())
                .isEqualTo(404);
        assertThat(alice.propfind("principals/not-a-uuid/", "0", "").status()).isEqualTo(404);
    }

    @Test
    void queriesWithoutFiltersAnswerEverythingAndBadOnesAre403() {
        alice.put(workPath + "one.ics", null, null, event("one", "One"));
        long other = app.calendar(ALICE, "Other", "UTC").id();
        String noFilter = """
                <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
                  <d:prop><d:getetag/></d:prop></c:calendar-query>""";
        String calendarOnly = """
                <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/></d:prop>
                  <c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>""";
        assertThat(alice.report(workPath, noFilter).body()).contains("one.ics");
        assertThat(alice.report(workPath, calendarOnly).body()).contains("one.ics");
        assertThat(alice.report(workPath, query("")).body()).contains("one.ics");
        assertThat(alice.report(workPath, calendarOnly.replace("VCALENDAR", "VEVENT"))
                        .body())
                .contains("<c:valid-filter/>");
        assertThat(alice.report(workPath, query("<c:time-range start=\"20260301T000000Z\" end=\"20260201T000000Z\"/>"))
                        .body())
                .contains("<c:valid-filter/>");
        assertThat(alice.report(workPath, query("<c:is-not-defined/>")).body()).doesNotContain(".ics");
        assertThat(alice.report(workPath, query("<c:prop-filter name=\"\"/>")).body())
                .contains("<c:valid-filter/>");
        assertThat(alice.report(workPath, query("<c:prop-filter name=\"SUMMARY\"/>"))
                        .body())
                .contains("one.ics");
        Reply open = alice.report(workPath, query("<c:time-range start=\"20260301T000000Z\"/>"));
        assertThat(open.body()).contains("one.ics");

        Reply multiget = alice.report(workPath, """
                <c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
                  <d:prop><d:getetag/></d:prop>
                  <d:href>/api/calendar/dav/%sone.ics</d:href>
                  <d:href>::not a url</d:href>
                  <d:href>/elsewhere/one.ics</d:href>
                </c:calendar-multiget>""".formatted(alice.calendar(Long.toString(other))));
        assertThat(multiget.body())
                .contains("<d:href>::not a url</d:href><d:status>HTTP/1.1 404 Not Found</d:status>")
                .contains("<d:href>/elsewhere/one.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status>")
                .contains("one.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status>")
                .doesNotContain("<d:getetag>");
    }
}
