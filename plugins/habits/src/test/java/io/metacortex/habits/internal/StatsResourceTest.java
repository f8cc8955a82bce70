package io.metacortex.habits.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.habits.HabitsPlugin;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestUriInfo;
import io.metacortex.plugin.testing.TestUsers;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/habits/{id}/stats} computed from the check-ins and rest days stored in a real database. Habits are
 * created on Monday 2026-11-16 (10:00 UTC); the stats are asked for on Thursday 2026-11-26 at 23:30 UTC. Check-ins
 * older than the 7-day window are seeded through the DAO, as if written on their day.
 */
class StatsResourceTest {

    private static final String CREATED = "2026-11-16T10:00:00Z";
    private static final String NOW = "2026-11-26T23:30:00Z";

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("habits", HabitsPlugin.class);

    private static final SettableClock clock = new SettableClock(NOW);
    private static final HabitResource resource = HabitsHarness.resource(DB, clock);

    private static String createOn16th(HabitRequest request) {
        clock.set(CREATED);
        Habit habit = (Habit)
                resource.create(ALICE, request, TestUriInfo.at("http://x/")).getEntity();
        clock.set(NOW);
        return Long.toString(habit.id());
    }

    /** Check-ins on these days of November 2026, each with {@code value} (null for YES_NO). */
    private static void seed(String habitId, String value, int... days) {
        DB.jdbi().useHandle(h -> {
            CheckInDao dao = new CheckInDao(h, ALICE.id());
            for (int day : days) {
                dao.put(
                        Long.parseLong(habitId),
                        LocalDate.of(2026, 11, day),
                        value == null ? null : new BigDecimal(value),
                        Instant.parse(CREATED));
            }
        });
    }

    private static HabitStats stats(String id) {
        return resource.stats(ALICE, id, null, null);
    }

    @Test
    void aDailyHabitDoneEveryDayButOne() {
        String id = createOn16th(HabitResourceTest.yesNo("Read"));
        seed(id, null, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26);

        HabitStats stats = stats(id);

        assertThat(stats)
                .isEqualTo(new HabitStats(
                        LocalDate.parse("2026-10-28"),
                        LocalDate.parse("2026-11-26"),
                        LocalDate.parse("2026-11-26"),
                        4,
                        6,
                        0.9091,
                        11,
                        10,
                        0));
    }

    @Test
    void explicitRestDaysAndUnscheduledWeekdaysNeverBreakTheStreak() {
        // Scheduled Mon, Wed, Fri: 16, 18, 20, 23, 25; Wednesday 25 is marked as a rest day and was not done.
        String id = createOn16th(new HabitRequest("Gym", null, null, null, List.of("MO", "WE", "FR"), null, null));
        seed(id, null, 16, 18, 20, 23);
        resource.markRestDay(ALICE, id, "2026-11-25");

        HabitStats stats = stats(id);

        assertThat(stats.currentStreak()).isEqualTo(4);
        assertThat(stats.longestStreak()).isEqualTo(4);
        assertThat(stats.completionRate()).isEqualTo(1.0);
        assertThat(stats.scheduledDays()).isEqualTo(4);
        assertThat(stats.restDays()).as("6 unscheduled weekdays and the 25th").isEqualTo(7);

        resource.unmarkRestDay(ALICE, id, "2026-11-25");

        HabitStats missed = stats(id);
        assertThat(missed.currentStreak()).isZero();
        assertThat(missed.longestStreak()).isEqualTo(4);
        assertThat(missed.completionRate()).isEqualTo(0.8);
    }

    @Test
    void aMeasurableDayBelowItsTargetBreaksTheStreak() {
        String id = createOn16th(HabitResourceTest.measurable("Water", "8", "glasses"));
        seed(id, "8", 16, 17, 18, 19);
        seed(id, "7.999", 20);
        seed(id, "9", 21, 22, 23, 24, 25);

        HabitStats stats = stats(id);

        assertThat(stats.currentStreak()).as("21 to 25; today still open").isEqualTo(5);
        assertThat(stats.longestStreak()).isEqualTo(5);
        assertThat(stats.doneDays()).isEqualTo(9);
        assertThat(stats.scheduledDays()).isEqualTo(10);

        seed(id, "8", 20);

        assertThat(stats(id).longestStreak()).isEqualTo(10);
    }

    @Test
    void longestAndCurrentDifferAndTheRangeOnlyAffectsTheRate() {
        String id = createOn16th(HabitResourceTest.yesNo("Read"));
        seed(id, null, 16, 17, 18, 19, 20, 21, 25, 26);

        HabitStats lastWeek = resource.stats(ALICE, id, "2026-11-20", "2026-11-26");

        assertThat(lastWeek.currentStreak()).isEqualTo(2);
        assertThat(lastWeek.longestStreak()).isEqualTo(6);
        assertThat(lastWeek.from()).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(lastWeek.scheduledDays()).isEqualTo(7);
        assertThat(lastWeek.doneDays()).isEqualTo(4);
        assertThat(lastWeek.completionRate()).isEqualTo(0.5714);
    }

    @Test
    void theHistoryStartsAtTheEarlierOfCreationAndFirstCheckIn() {
        String id = createOn16th(HabitResourceTest.yesNo("Read"));
        seed(id, null, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25);

        HabitStats stats = stats(id);

        assertThat(stats.currentStreak()).isEqualTo(14);
        assertThat(stats.scheduledDays()).isEqualTo(14);
        assertThat(stats.completionRate()).isEqualTo(1.0);
    }

    @Test
    void statsAreTakenInTheCallersTimeZone() {
        String id = createOn16th(HabitResourceTest.yesNo("Read"));
        seed(id, null, 24, 25, 26);
        User auckland = TestUsers.inZone(ALICE, "Pacific/Auckland");
        User losAngeles = TestUsers.inZone(ALICE, "America/Los_Angeles");

        HabitStats inAuckland = resource.stats(auckland, id, null, null);
        HabitStats inLosAngeles = resource.stats(losAngeles, id, null, null);

        assertThat(inAuckland.today()).isEqualTo(LocalDate.parse("2026-11-27"));
        assertThat(inAuckland.currentStreak())
                .as("the 27th is still open in Auckland")
                .isEqualTo(3);
        assertThat(inLosAngeles.today()).isEqualTo(LocalDate.parse("2026-11-26"));
        assertThat(inLosAngeles.currentStreak()).isEqualTo(3);
        assertThat(inLosAngeles.scheduledDays())
                .as("created on the 16th at 02:00 in Los Angeles")
                .isEqualTo(11);
    }

    @Test
    void aFreshHabitHasNothingToCount() {
        clock.set(NOW);
        String id = Long.toString(
                ((Habit) resource.create(ALICE, HabitResourceTest.yesNo("New"), TestUriInfo.at("http://x/"))
                                .getEntity())
                        .id());

        assertThat(stats(id))
                .isEqualTo(new HabitStats(
                        LocalDate.parse("2026-10-28"),
                        LocalDate.parse("2026-11-26"),
                        LocalDate.parse("2026-11-26"),
                        0,
                        0,
                        0.0,
                        0,
                        0,
                        0));
    }

    @Test
    void aBadRangeIs400() {
        String id = createOn16th(HabitResourceTest.yesNo("Read"));

        assertThat(failsWith(400, () -> resource.stats(ALICE, id, "2026-11-27", "2026-11-26"))
                        .fields())
                .containsOnlyKeys("from");
        assertThat(failsWith(400, () -> resource.stats(ALICE, id, null, "soon")).fields())
                .containsOnlyKeys("to");
    }
}
