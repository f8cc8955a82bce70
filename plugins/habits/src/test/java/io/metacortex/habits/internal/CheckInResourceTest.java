package io.metacortex.habits.internal;

import static io.metacortex.habits.internal.HabitResourceTest.measurable;
import static io.metacortex.habits.internal.HabitResourceTest.yesNo;
import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.metacortex.habits.HabitsPlugin;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestUriInfo;
import io.metacortex.plugin.testing.TestUsers;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Check-ins and rest days through the routes, on a real database, with the clock fixed at 2026-11-26T23:30Z: the
 * 26th in UTC and Los Angeles, already the 27th in Auckland.
 */
class CheckInResourceTest {

    private static final String NOW = "2026-11-26T23:30:00Z";
    private static final User UTC = ALICE;
    private static final User AUCKLAND = TestUsers.inZone(ALICE, "Pacific/Auckland");
    private static final User LOS_ANGELES = TestUsers.inZone(ALICE, "America/Los_Angeles");

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("habits", HabitsPlugin.class);

    private static final SettableClock clock = new SettableClock(NOW);
    private static final HabitResource resource = HabitsHarness.resource(DB, clock);

    @BeforeEach
    void setTheClockBackToNow() {
        clock.set(NOW);
    }

    private static String create(HabitRequest request) {
        Habit habit = (Habit) resource.create(UTC, request, TestUriInfo.at("http://x/api/habits"))
                .getEntity();
        return Long.toString(habit.id());
    }

    private static Response checkIn(User user, String id, String date, String value) {
        return resource.checkIn(
                user,
                id,
                date == null && value == null
                        ? null
                        : new CheckInRequest(date, value == null ? null : new BigDecimal(value)),
                TestUriInfo.at("http://x/api/habits/" + id + "/check-ins"));
    }

    private static CheckIn entity(Response response) {
        return (CheckIn) response.getEntity();
    }

    private static List<LocalDate> checkedInDays(String id) {
        return resource.checkIns(UTC, id, "2026-11-01", "2026-11-30").items().stream()
                .map(CheckIn::date)
                .toList();
    }

    @Test
    void noBodyMeansDoneTodayAnd201WithTheCheckInsLocation() {
        String id = create(yesNo("Read"));

        Response response = checkIn(UTC, id, null, null);

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getLocation()).isEqualTo(URI.create("http://x/api/habits/" + id + "/check-ins/2026-11-26"));
        assertThat(entity(response))
                .extracting(CheckIn::date, CheckIn::value, CheckIn::done)
                .containsExactly(LocalDate.parse("2026-11-26"), null, true);
    }

    @Test
    void anEmptyBodyForAMeasurableHabitChecksInItsTarget() {
        String id = create(measurable("Water", "8", "glasses"));

        CheckIn checkIn =
                entity(resource.checkIn(UTC, id, new CheckInRequest(null, null), TestUriInfo.at("http://x/")));

        assertThat(checkIn)
                .extracting(CheckIn::date, CheckIn::value, CheckIn::done)
                .containsExactly(LocalDate.parse("2026-11-26"), new BigDecimal("8"), true);
    }

    @Test
    void aMeasurableDayIsDoneAtItsTargetNotBelow() {
        String id = create(measurable("Water", "8", "glasses"));

        CheckIn below = entity(checkIn(UTC, id, "2026-11-25", "7.5"));
        CheckIn at = entity(checkIn(UTC, id, "2026-11-24", "8"));
        CheckIn above = entity(checkIn(UTC, id, "2026-11-23", "12"));

        assertThat(below.done()).isFalse();
        assertThat(at.done()).isTrue();
        assertThat(above.done()).isTrue();
        assertThat(below.value()).isEqualTo(new BigDecimal("7.5"));
    }

    @Test
    void postingAgainForTheSameDayReplacesItsValueWith200() {
        String id = create(measurable("Water", "8", "glasses"));
        checkIn(UTC, id, "2026-11-25", "3");

        Response again = checkIn(UTC, id, "2026-11-25", "9");

        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(entity(again).value()).isEqualTo(new BigDecimal("9"));
        assertThat(resource.checkIns(UTC, id, null, null).items())
                .extracting(CheckIn::date, CheckIn::value)
                .containsExactly(tuple(LocalDate.parse("2026-11-25"), new BigDecimal("9")));
    }

    @Test
    void checkInsReachSevenDaysBackButNotEightNorIntoTheFuture() {
        String id = create(yesNo("Read"));

        assertThat(checkIn(UTC, id, "2026-11-19", null).getStatus()).isEqualTo(201);
        ApiError eightBack = failsWith(422, () -> checkIn(UTC, id, "2026-11-18", null));
        ApiError tomorrow = failsWith(422, () -> checkIn(UTC, id, "2026-11-27", null));
        ApiError notADate = failsWith(422, () -> checkIn(UTC, id, "yesterday", null));

        assertThat(eightBack.fields())
                .containsExactly(
                        entry(
                                "date",
                                "must be a day from 2026-11-19 to 2026-11-26: today (2026-11-26 in UTC) or up to 7 days before"));
        assertThat(tomorrow.fields()).isEqualTo(eightBack.fields());
        assertThat(notADate.fields()).containsExactly(entry("date", Dates.MESSAGE));
        assertThat(checkedInDays(id)).containsExactly(LocalDate.parse("2026-11-19"));
    }

    @Test
    void todayIsTheCallersLocalDay() {
        String id = create(yesNo("Read"));

        CheckIn inAuckland = entity(checkIn(AUCKLAND, id, null, null));
        CheckIn inLosAngeles = entity(checkIn(LOS_ANGELES, id, null, null));

        assertThat(inAuckland.date()).isEqualTo(LocalDate.parse("2026-11-27"));
        assertThat(inLosAngeles.date()).isEqualTo(LocalDate.parse("2026-11-26"));
        assertThat(checkIn(AUCKLAND, id, "2026-11-27", null).getStatus())
                .as("the 27th is today in Auckland")
                .isEqualTo(200);
        assertThat(failsWith(422, () -> checkIn(LOS_ANGELES, id, "2026-11-27", null))
                        .fields()
                        .get("date"))
                .as("but tomorrow in Los Angeles")
                .isEqualTo("must be a day from 2026-11-19 to 2026-11-26: today (2026-11-26 in America/Los_Angeles)"
                        + " or up to 7 days before");
        assertThat(failsWith(422, () -> checkIn(AUCKLAND, id, "2026-11-19", null))
                        .fields())
                .as("and the 19th is 8 days back in Auckland")
                .containsKey("date");
    }

    @Test
    void aCheckInKeepsTheCallersTimeZoneWithTheHabit() {
        String id = create(yesNo("Read"));

        checkIn(AUCKLAND, id, null, null);

        Habit habit = resource.get(UTC, id);
        assertThat(habit.timeZone()).isEqualTo("Pacific/Auckland");
    }

    @Test
    void valuesAreCheckedAgainstTheHabitsKindAndNothingIsStored() {
        String yesNo = create(yesNo("Read"));
        String water = create(measurable("Water", "8", "glasses"));

        ApiError valueForYesNo = failsWith(422, () -> checkIn(UTC, yesNo, null, "1"));
        ApiError negative = failsWith(422, () -> checkIn(UTC, water, null, "-1"));
        ApiError both = failsWith(422, () -> checkIn(UTC, water, "2026-12-01", "0.0001"));

        assertThat(valueForYesNo.fields()).containsExactly(entry("value", "must be absent for a YES_NO habit"));
        assertThat(negative.fields()).containsOnlyKeys("value");
        assertThat(both.fields()).containsOnlyKeys("date", "value");
        assertThat(DB.count("check_ins")).isZero();
        assertThat(entity(checkIn(UTC, water, null, "0")).done())
                .as("zero is a value")
                .isFalse();
    }

    @Test
    void undoDeletesTheDaysCheckInWithinTheSameWindow() {
        String id = create(yesNo("Read"));
        checkIn(UTC, id, "2026-11-25", null);
        checkIn(UTC, id, null, null);

        resource.undoCheckIn(UTC, id, "2026-11-25");

        assertThat(checkedInDays(id)).containsExactly(LocalDate.parse("2026-11-26"));
        assertThat(failsWith(404, () -> resource.undoCheckIn(UTC, id, "2026-11-25")))
                .isEqualTo(new ApiError("check-in not found", "no check-in on 2026-11-25", null));
        assertThat(failsWith(422, () -> resource.undoCheckIn(UTC, id, "2026-11-01"))
                        .fields())
                .containsOnlyKeys("date");
        assertThat(failsWith(400, () -> resource.undoCheckIn(UTC, id, "today")).fields())
                .containsOnlyKeys("date");
    }

    @Test
    void theListTakesARangeOfLocalDaysDefaultingToTheLast30() {
        String id = create(yesNo("Read"));
        clock.set("2026-11-01T12:00:00Z");
        checkIn(UTC, id, "2026-10-27", null);
        checkIn(UTC, id, null, null);
        clock.set(NOW);
        checkIn(UTC, id, null, null);

        assertThat(resource.checkIns(UTC, id, null, null).items())
                .as("2026-10-28 to 2026-11-26")
                .extracting(CheckIn::date)
                .containsExactly(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-26"));
        assertThat(resource.checkIns(UTC, id, "2026-10-01", "2026-11-25").items())
                .extracting(CheckIn::date)
                .containsExactly(LocalDate.parse("2026-10-27"), LocalDate.parse("2026-11-01"));
        assertThat(failsWith(400, () -> resource.checkIns(UTC, id, "2026-11-26", "2026-11-01"))
                        .fields())
                .containsOnlyKeys("from");
        assertThat(failsWith(400, () -> resource.checkIns(UTC, id, "2025-01-01", "2026-11-01"))
                        .fields())
                .containsOnlyKeys("from");
        assertThat(failsWith(400, () -> resource.checkIns(UTC, id, "x", "y")).fields())
                .containsOnlyKeys("from", "to");
    }

    @Test
    void restDaysAreMarkedAndUnmarkedFromAWeekBackToAYearAhead() {
        String id = create(yesNo("Read"));

        resource.markRestDay(UTC, id, "2026-11-20");
        resource.markRestDay(UTC, id, "2026-12-24");
        resource.markRestDay(UTC, id, "2026-12-24");

        assertThat(resource.restDays(UTC, id, "2026-11-01", "2026-12-31").items())
                .containsExactly(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-12-24"));
        assertThat(resource.restDays(UTC, id, null, null).items()).containsExactly(LocalDate.parse("2026-11-20"));
        assertThat(failsWith(422, () -> resource.markRestDay(UTC, id, "2026-11-18"))
                        .fields())
                .containsOnlyKeys("date");
        assertThat(failsWith(422, () -> resource.markRestDay(UTC, id, "2027-11-27"))
                        .fields()
                        .get("date"))
                .isEqualTo("must be a day from 2026-11-19 to 2027-11-26: up to 7 days before today (2026-11-26 in UTC)"
                        + " and up to 365 days after");
        assertThat(failsWith(400, () -> resource.markRestDay(UTC, id, "someday"))
                        .fields())
                .containsOnlyKeys("date");

        resource.unmarkRestDay(UTC, id, "2026-12-24");

        assertThat(failsWith(404, () -> resource.unmarkRestDay(UTC, id, "2026-12-24"))
                        .detail())
                .isEqualTo("2026-12-24 is not marked as a rest day");
        assertThat(DB.count("rest_days")).isEqualTo(1);
    }
}
