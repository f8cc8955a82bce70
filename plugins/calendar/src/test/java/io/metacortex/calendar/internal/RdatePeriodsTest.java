package io.metacortex.calendar.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.metacortex.calendar.CalendarPlugin;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RDATE periods (RFC 5545 3.8.5.2): each such instance ends where its period does, by an end or a duration. */
class RdatePeriodsTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("calendar", CalendarPlugin.class);

    private final CalendarHarness app = new CalendarHarness(DB).as(ALICE);

    private static String ics(String rdate) {
        return String.join(
                "\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//Example//Test//EN",
                "BEGIN:VEVENT",
                "UID:periods@example.com",
                "DTSTAMP:20260101T000000Z",
                "DTSTART:20260403T090000Z",
                "DTEND:20260403T100000Z",
                rdate,
                "SUMMARY:Office hours",
                "END:VEVENT",
                "END:VCALENDAR",
                "");
    }

    @Test
    void anInstanceOfAnRdatePeriodEndsWithItsPeriod() {
        long calendar = app.calendar(ALICE, "Work", "UTC").id();
        app.calendars.importIcs(
                ALICE,
                Long.toString(calendar),
                ics("RDATE;VALUE=PERIOD:20260410T090000Z/20260410T130000Z,20260417T080000Z/PT3H,20260601T090000Z"
                        + "/P2D"));

        assertThat(app.instances(ALICE, calendar, "2026-04-01T00:00:00Z", "2026-04-30T00:00:00Z"))
                .extracting(InstanceView::start, InstanceView::end)
                .containsExactly(
                        tuple("2026-04-03T09:00Z", "2026-04-03T10:00Z"),
                        tuple("2026-04-10T09:00Z", "2026-04-10T13:00Z"),
                        tuple("2026-04-17T08:00Z", "2026-04-17T11:00Z"));
        // the range query finds the object by the end of its longest period
        assertThat(app.instances(ALICE, calendar, "2026-06-02T12:00:00Z", "2026-06-05T00:00:00Z"))
                .extracting(InstanceView::start, InstanceView::end)
                .containsExactly(tuple("2026-06-01T09:00Z", "2026-06-03T09:00Z"));
    }

    @Test
    void aPeriodThatIsNoPeriodIsRefusedNamingItsLine() {
        String calendar = Long.toString(app.calendar(ALICE, "Work", "UTC").id());

        assertThat(failsWith(
                                422,
                                () -> app.calendars.importIcs(
                                        ALICE, calendar, ics("RDATE;VALUE=PERIOD:20260410T090000Z/PXYZ")))
                        .detail())
                .isEqualTo("line 9: RDATE period has an invalid duration \"PXYZ\"");
        assertThat(failsWith(
                                422,
                                () -> app.calendars.importIcs(
                                        ALICE, calendar, ics("RDATE;VALUE=PERIOD:20260410T090000Z/20260410T080000Z")))
                        .detail())
                .isEqualTo("line 9: RDATE period \"20260410T090000Z/20260410T080000Z\" ends before it starts");
        assertThat(app.instances(ALICE, Long.parseLong(calendar), "2026-04-01T00:00:00Z", "2026-04-30T00:00:00Z"))
                .isEmpty();
    }
}
