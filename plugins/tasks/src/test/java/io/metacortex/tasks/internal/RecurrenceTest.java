package io.metacortex.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rules parsed and expanded by lib-recur, as the plugin uses them: the next due after the one completed. */
class RecurrenceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void acceptsValidRulesNormalisedAndRefusesOthers() {
        assertThat(Recurrence.normalise(" freq=weekly;byday=mo,we ")).contains("FREQ=WEEKLY;BYDAY=MO,WE");
        assertThat(Recurrence.normalise("RRULE:FREQ=DAILY;COUNT=3")).contains("FREQ=DAILY;COUNT=3");
        assertThat(Recurrence.normalise("FREQ=MONTHLY;BYMONTHDAY=-1")).contains("FREQ=MONTHLY;BYMONTHDAY=-1");
        assertThat(Recurrence.normalise("FREQ=DAILY;UNTIL=20270101T000000Z")).isPresent();

        assertThat(Recurrence.normalise("every monday")).isEmpty();
        assertThat(Recurrence.normalise("FREQ=FORTNIGHTLY")).isEmpty();
        assertThat(Recurrence.normalise("BYDAY=MO")).as("no FREQ").isEmpty();
        assertThat(Recurrence.normalise("FREQ=WEEKLY;BYDAY=XX")).isEmpty();
        assertThat(Recurrence.normalise("FREQ=MONTHLY;BYMONTHDAY=32")).isEmpty();
        assertThat(Recurrence.normalise("FREQ=DAILY;COUNT=3;UNTIL=20270101T000000Z"))
                .as("COUNT and UNTIL")
                .isEmpty();
        assertThat(Recurrence.normalise("FREQ=DAILY;INTERVAL=0")).isEmpty();
        assertThat(Recurrence.normalise("")).isEmpty();
        assertThat(Recurrence.normalise("FREQ=DAILY;" + "BYHOUR=1;".repeat(100)))
                .as("too long")
                .isEmpty();
    }

    @Test
    void weeklyOnMondayAndWednesday() {
        Instant monday = Instant.parse("2026-11-30T08:00:00Z");

        assertThat(next("FREQ=WEEKLY;BYDAY=MO,WE", monday, monday, ZoneOffset.UTC))
                .contains(Instant.parse("2026-12-02T08:00:00Z"));
        assertThat(next("FREQ=WEEKLY;BYDAY=MO,WE", monday, Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2026-12-07T08:00:00Z"));
    }

    @Test
    void monthDay31SkipsMonthsWithoutOne() {
        Instant jan31 = Instant.parse("2027-01-31T09:00:00Z");

        List<Instant> dues = series("FREQ=MONTHLY;BYMONTHDAY=31", jan31, ZoneOffset.UTC, 3);

        assertThat(dues)
                .containsExactly(
                        Instant.parse("2027-03-31T09:00:00Z"),
                        Instant.parse("2027-05-31T09:00:00Z"),
                        Instant.parse("2027-07-31T09:00:00Z"));
    }

    @Test
    void lastDayOfTheMonthIncludingFebruaryAndALeapYear() {
        Instant jan31 = Instant.parse("2027-12-31T09:00:00Z");

        List<Instant> dues = series("FREQ=MONTHLY;BYMONTHDAY=-1", jan31, ZoneOffset.UTC, 3);

        assertThat(dues)
                .containsExactly(
                        Instant.parse("2028-01-31T09:00:00Z"),
                        Instant.parse("2028-02-29T09:00:00Z"),
                        Instant.parse("2028-03-31T09:00:00Z"));
    }

    @Test
    void dailyAtNineBerlinTimeStaysAtNineAcrossTheSpringChange() {
        // Central European Summer Time starts on Sunday 29 March 2026 at 02:00: 09:00 local is 08:00Z before, 07:00Z
        // after.
        Instant friday = ZonedDateTime.of(2026, 3, 27, 9, 0, 0, 0, BERLIN).toInstant();

        List<Instant> dues = series("FREQ=DAILY", friday, BERLIN, 3);

        assertThat(dues)
                .containsExactly(
                        Instant.parse("2026-03-28T08:00:00Z"),
                        Instant.parse("2026-03-29T07:00:00Z"),
                        Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(dues)
                .allSatisfy(due -> assertThat(due.atZone(BERLIN).getHour()).isEqualTo(9));
    }

    @Test
    void dailyAtNineBerlinTimeStaysAtNineAcrossTheAutumnChange() {
        // Back to CET on Sunday 25 October 2026 at 03:00.
        Instant saturday = ZonedDateTime.of(2026, 10, 24, 9, 0, 0, 0, BERLIN).toInstant();

        List<Instant> dues = series("FREQ=DAILY", saturday, BERLIN, 2);

        assertThat(saturday).isEqualTo(Instant.parse("2026-10-24T07:00:00Z"));
        assertThat(dues).containsExactly(Instant.parse("2026-10-25T08:00:00Z"), Instant.parse("2026-10-26T08:00:00Z"));
    }

    @Test
    void theSameRuleInUtcDriftsAgainstBerlinTime() {
        Instant friday = ZonedDateTime.of(2026, 3, 27, 9, 0, 0, 0, BERLIN).toInstant();

        assertThat(series("FREQ=DAILY", friday, ZoneOffset.UTC, 3))
                .last()
                .isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
    }

    @Test
    void countEndsTheSeriesCountingFromItsStart() {
        Instant start = Instant.parse("2026-01-01T09:00:00Z");

        List<Instant> dues = series("FREQ=DAILY;COUNT=3", start, ZoneOffset.UTC, 10);

        assertThat(dues).containsExactly(Instant.parse("2026-01-02T09:00:00Z"), Instant.parse("2026-01-03T09:00:00Z"));
    }

    @Test
    void untilEndsTheSeriesInclusively() {
        Instant start = Instant.parse("2026-01-01T09:00:00Z");

        List<Instant> dues = series("FREQ=DAILY;UNTIL=20260103T090000Z", start, ZoneOffset.UTC, 10);

        assertThat(dues).containsExactly(Instant.parse("2026-01-02T09:00:00Z"), Instant.parse("2026-01-03T09:00:00Z"));
        assertThat(next("FREQ=WEEKLY;UNTIL=20260105T000000Z", start, start, ZoneOffset.UTC))
                .isEmpty();
    }

    private static Optional<Instant> next(String rule, Instant start, Instant current, ZoneId zone) {
        return Recurrence.next(Recurrence.normalise(rule).orElseThrow(), start, current, zone);
    }

    /** The dues after {@code start}, as completing each instance in turn creates them, up to {@code max}. */
    private static List<Instant> series(String rule, Instant start, ZoneId zone, int max) {
        List<Instant> dues = new ArrayList<>();
        Instant current = start;
        while (dues.size() < max) {
            Optional<Instant> next = next(rule, start, current, zone);
            if (next.isEmpty()) {
                break;
            }
            dues.add(next.get());
            current = next.get();
        }
        return dues;
    }
}
