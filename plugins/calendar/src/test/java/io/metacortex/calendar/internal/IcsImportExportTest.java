package io.metacortex.calendar.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.metacortex.calendar.CalendarPlugin;
import io.metacortex.calendar.internal.ics.Component;
import io.metacortex.calendar.internal.ics.IcsReader;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ICS import and export through the routes: files written from RFC 5545's examples and as Google exports them keep
 * their UIDs, recurrence, overrides and unknown properties through import, export and import again; malformed files
 * are refused naming the line, and nothing of them is stored.
 */
class IcsImportExportTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("calendar", CalendarPlugin.class);

    private final CalendarHarness app = new CalendarHarness(DB).as(ALICE);

    static String file(String name) {
        try (InputStream in = IcsImportExportTest.class.getResourceAsStream("/ics/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IcsTransfer.ImportResult importInto(long calendar, String text) {
        return app.calendars.importIcs(ALICE, Long.toString(calendar), text);
    }

    private String export(long calendar) {
        return (String) app.calendars.export(ALICE, Long.toString(calendar)).getEntity();
    }

    private List<String> starts(long calendar, String uid, String from, String to) {
        return app.instances(ALICE, calendar, from, to).stream()
                .filter(i -> i.uid().equals(uid))
                .map(InstanceView::start)
                .toList();
    }

    /** @return per UID and RECURRENCE-ID (or "master"): the properties that define the event, as written */
    private static Map<String, String> essence(String ics) {
        Map<String, String> essence = new TreeMap<>();
        for (Component calendar : IcsReader.read(ics)) {
            for (Component event : calendar.children("VEVENT")) {
                String key = VEvents.uid(event) + " "
                        + event.property("RECURRENCE-ID").map(p -> p.value()).orElse("master");
                StringBuilder value = new StringBuilder();
                for (String name : List.of(
                        "DTSTART",
                        "DTEND",
                        "RRULE",
                        "RDATE",
                        "EXDATE",
                        "SUMMARY",
                        "LOCATION",
                        "DESCRIPTION",
                        "ATTENDEE",
                        "X-GOOGLE-CONFERENCE",
                        "SEQUENCE")) {
                    event.all(name)
                            .forEach(p -> value.append(p.name())
                                    .append(p.parameters())
                                    .append(':')
                                    .append(p.value())
                                    .append('\n'));
                }
                event.children("VALARM")
                        .forEach(a -> value.append("VALARM ")
                                .append(a.property("TRIGGER").orElseThrow().value()));
                essence.put(key, value.toString());
            }
        }
        return essence;
    }

    @Test
    void theExamplesOfSection361RoundTrip() {
        long calendar = app.calendar(ALICE, "RFC", "America/New_York").id();
        String original = file("rfc5545-3.6.1.ics");

        IcsTransfer.ImportResult result = importInto(calendar, original);

        assertThat(result.uids())
                .containsExactly(
                        "19970901T130000Z-123401@example.com",
                        "19970901T130000Z-123402@example.com",
                        "19970901T130000Z-123403@example.com",
                        "20070423T123432Z-541111@example.com");
        String exported = export(calendar);
        assertThat(essence(exported)).isEqualTo(essence(original));
        assertThat(exported).contains("CATEGORIES:ANNIVERSARY,PERSONAL,SPECIAL OCCASION", "CLASS:CONFIDENTIAL");
        assertThat(app.instances(ALICE, calendar, "2026-11-01T00:00:00Z", "2026-11-04T00:00:00Z"))
                .extracting(InstanceView::title, InstanceView::start, InstanceView::end, InstanceView::recurrenceId)
                .containsExactly(tuple("Our Blissful Anniversary", "2026-11-02", "2026-11-03", "20261102"));
        assertThat(app.instances(ALICE, calendar, "2007-07-01T00:00:00Z", "2007-07-02T00:00:00Z"))
                .extracting(InstanceView::title, InstanceView::start, InstanceView::end)
                .containsExactly(tuple("Festival International de Jazz de Montreal", "2007-06-28", "2007-07-09"));
    }

    @Test
    void theRecurrenceExamplesOfSection3853ExpandAsTheRfcSaysAndRoundTrip() {
        long calendar = app.calendar(ALICE, "RFC", "America/New_York").id();
        String original = file("rfc5545-3.8.5.3.ics");
        importInto(calendar, original);

        // "(1997 9:00 AM EDT) September 1,3,5,15,17,19,29; October 1,3,13,15,17 (1997 9:00 AM EST) October 27,29,31;
        // November 10,12,14,24,26,28; December 8,10,12,22"
        List<String> biweekly =
                starts(calendar, "every-other-week@example.com", "1997-09-01T00:00:00Z", "1998-01-01T00:00:00Z");
        assertThat(biweekly)
                .hasSize(25)
                .startsWith("1997-09-01T09:00-04:00", "1997-09-03T09:00-04:00")
                .contains("1997-10-17T09:00-04:00", "1997-10-27T09:00-05:00")
                .endsWith("1997-12-22T09:00-05:00");
        assertThat(starts(calendar, "first-friday@example.com", "1997-09-01T00:00:00Z", "1998-01-01T00:00:00Z"))
                .containsExactly(
                        "1997-09-05T09:00-04:00",
                        "1997-10-03T09:00-04:00",
                        "1997-11-07T09:00-05:00",
                        "1997-12-05T09:00-05:00");
        assertThat(starts(calendar, "daily-10@example.com", "1997-09-01T00:00:00Z", "1998-01-01T00:00:00Z"))
                .hasSize(10)
                .endsWith("1997-09-11T09:00-04:00");
        assertThat(app.instances(ALICE, calendar, "1997-09-01T00:00:00Z", "1997-09-30T00:00:00Z").stream()
                        .filter(i -> i.uid().equals("with-rdate-exdate@example.com")))
                .extracting(InstanceView::start, InstanceView::title, InstanceView::overridden)
                .containsExactly(
                        tuple("1997-09-02T09:00-04:00", "Daily for 5 days, one left out, one added", false),
                        tuple("1997-09-03T09:00-04:00", "Daily for 5 days, one left out, one added", false),
                        tuple("1997-09-05T14:00-04:00", "Moved to the afternoon", true),
                        tuple("1997-09-06T09:00-04:00", "Daily for 5 days, one left out, one added", false),
                        tuple("1997-09-10T09:00-04:00", "Daily for 5 days, one left out, one added", false));

        String exported = export(calendar);
        assertThat(essence(exported)).isEqualTo(essence(original));
        long again = app.calendar(ALICE, "Again", "America/New_York").id();
        importInto(again, exported);
        assertThat(starts(again, "every-other-week@example.com", "1997-09-01T00:00:00Z", "1998-01-01T00:00:00Z"))
                .isEqualTo(biweekly);
    }

    @Test
    void aGoogleExportKeepsItsTimeZonesOverridesAlarmsAndXProperties() {
        long calendar = app.calendar(ALICE, "Google", "Europe/Berlin").id();
        String original = file("google-export.ics");

        assertThat(importInto(calendar, original).uids())
                .containsExactly("4fq9u1h5r0s3ksbd1nq2k2v1pb@google.com", "easter-monday-2026@google.com");

        EventView planning = app.events.get(ALICE, Long.toString(calendar), "4fq9u1h5r0s3ksbd1nq2k2v1pb@google.com");
        assertThat(planning.description()).isEqualTo("Weekly planning, with coffee.\nBring the roadmap.");
        assertThat(planning.location()).isEqualTo("Room 4.2, Main Street 1, Berlin");
        assertThat(planning.reminders()).containsExactly(10);
        assertThat(planning.exdates()).containsExactly("2026-03-16T09:30+01:00");
        assertThat(planning.overrides())
                .extracting(EventView::recurrenceId, EventView::title, EventView::start)
                .containsExactly(tuple("20260323T083000Z", "Planning (moved)", "2026-03-24T14:00+01:00"));
        EventView easter = app.events.get(ALICE, Long.toString(calendar), "easter-monday-2026@google.com");
        assertThat(easter.attendees())
                .containsExactly(new Attendee("ada@example.com", "Ada Lovelace", "REQ-PARTICIPANT", "ACCEPTED"));
        assertThat(app.instances(ALICE, calendar, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"))
                .extracting(InstanceView::title, InstanceView::start)
                .containsExactly(
                        tuple("Planning", "2026-03-02T09:30+01:00"),
                        tuple("Planning", "2026-03-09T09:30+01:00"),
                        tuple("Planning (moved)", "2026-03-24T14:00+01:00"),
                        tuple("Planning", "2026-03-30T09:30+02:00"));

        String exported = export(calendar);
        assertThat(essence(exported)).isEqualTo(essence(original));
        assertThat(exported)
                .contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nX-LIC-LOCATION:Europe/Berlin\r\n")
                .contains("X-NUM-GUESTS=0")
                .containsOnlyOnce("BEGIN:VTIMEZONE");
        assertThat(exported.lines())
                .allSatisfy(line ->
                        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
    }

    @Test
    void importingAnExistingUidAgainReplacesItAndTheSameTextChangesNothing() {
        long calendar = app.calendar(ALICE, "Google", "Europe/Berlin").id();
        String original = file("google-export.ics");
        importInto(calendar, original);
        long token = app.calendars.get(ALICE, Long.toString(calendar)).syncToken();

        importInto(calendar, original);

        assertThat(app.calendars.get(ALICE, Long.toString(calendar)).syncToken())
                .isEqualTo(token);

        importInto(calendar, original.replace("SUMMARY:Easter Monday", "SUMMARY:Ostermontag"));

        assertThat(DB.count("calendar_objects")).isEqualTo(2);
        assertThat(app.events
                        .get(ALICE, Long.toString(calendar), "easter-monday-2026@google.com")
                        .title())
                .isEqualTo("Ostermontag");
        assertThat(app.calendars.get(ALICE, Long.toString(calendar)).syncToken())
                .isEqualTo(token + 1);
    }

    @Test
    void malformedIcsIsRefusedNamingTheLineAndNothingIsStored() {
        long calendar = app.calendar(ALICE, "Strict", "Europe/Berlin").id();
        String good = file("google-export.ics");
        String noColon = good.replace("SUMMARY:Easter Monday", "SUMMARY Easter Monday");

        ApiError error = failsWith(422, () -> importInto(calendar, noColon));

        int line = good.lines().toList().indexOf("SUMMARY:Easter Monday") + 1;
        assertThat(error.error()).isEqualTo("invalid iCalendar");
        assertThat(error.detail()).startsWith("line " + line + ": ");
        assertThat(error.fields()).containsKey("body");
        assertThat(DB.count("calendar_objects")).isZero();

        String badRule = good.replace("RRULE:FREQ=WEEKLY;BYDAY=MO", "RRULE:FREQ=SOMETIMES");
        int ruleLine = good.lines().toList().indexOf("RRULE:FREQ=WEEKLY;BYDAY=MO") + 1;
        assertThat(failsWith(422, () -> importInto(calendar, badRule)).detail())
                .isEqualTo("line " + ruleLine + ": RRULE \"FREQ=SOMETIMES\" is not a valid recurrence rule");
        assertThat(failsWith(
                                422,
                                () -> importInto(
                                        calendar, good.replace("END:VEVENT\r\nEND:VCALENDAR", "END:VCALENDAR")))
                        .detail())
                .contains("END:VCALENDAR where END:VEVENT was expected");
        assertThat(failsWith(
                                422,
                                () -> importInto(
                                        calendar,
                                        good.replace("TZID=Europe/Berlin:20260324", "TZID=Mars/Olympus:20260324")))
                        .detail())
                .contains("not an IANA time zone");
        assertThat(failsWith(422, () -> importInto(calendar, "")).error()).isEqualTo("invalid iCalendar");
        assertThat(DB.count("calendar_objects")).isZero();
        assertThat(app.calendars.get(ALICE, Long.toString(calendar)).syncToken())
                .isZero();
    }
}
