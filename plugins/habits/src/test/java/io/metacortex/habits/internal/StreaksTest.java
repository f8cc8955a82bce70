package io.metacortex.habits.internal;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The streak and completion rules on their own. The calendar: today is Thursday 2026-11-26; the history starts on
 * Monday 2026-11-16 unless a test says otherwise.
 */
class StreaksTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-26");
    private static final LocalDate FIRST = LocalDate.parse("2026-11-16");
    private static final Set<DayOfWeek> DAILY = Set.of();
    private static final Set<DayOfWeek> MO_WE_FR = Set.of(MONDAY, WEDNESDAY, FRIDAY);

    /** @return the days of November 2026 with these numbers */
    private static Set<LocalDate> nov(int... days) {
        Set<LocalDate> dates = new HashSet<>();
        for (int day : days) {
            dates.add(LocalDate.of(2026, 11, day));
        }
        return dates;
    }

    /** @return November 2026, days {@code from} to {@code to} inclusive */
    private static Set<LocalDate> novRange(int from, int to) {
        return nov(IntStream.rangeClosed(from, to).toArray());
    }

    private static Streaks daily(Set<LocalDate> done) {
        return new Streaks(DAILY, Set.of(), done, FIRST, TODAY);
    }

    @Test
    void everyDayDoneUpToTodayIsOneStreak() {
        Streaks streaks = daily(novRange(20, 26));

        assertThat(streaks.current()).isEqualTo(7);
        assertThat(streaks.longest()).isEqualTo(7);
    }

    @Test
    void todayNotDoneYetDoesNotBreakTheCurrentStreak() {
        Streaks streaks = daily(novRange(20, 25));

        assertThat(streaks.current()).isEqualTo(6);
        assertThat(streaks.longest()).isEqualTo(6);
    }

    @Test
    void aMissedYesterdayBreaksItAndTodayStartsAFreshOne() {
        assertThat(daily(nov(20, 21, 22, 23, 24, 26)).current()).isEqualTo(1);
        assertThat(daily(nov(20, 21, 22, 23, 24, 26)).longest()).isEqualTo(5);
        assertThat(daily(novRange(20, 24)).current())
                .as("yesterday missed, today open")
                .isZero();
    }

    @Test
    void longestIsTheLongestRunOfTheHistoryAndCurrentTheOneReachingToday() {
        Streaks streaks = daily(union(novRange(16, 21), novRange(23, 26)));

        assertThat(streaks.current()).isEqualTo(4);
        assertThat(streaks.longest()).isEqualTo(6);
    }

    @Test
    void unscheduledWeekdaysAreSkipped() {
        // Mon 16, Wed 18, Fri 20, Mon 23, Wed 25 are the scheduled days; today (Thursday) is not one of them.
        Streaks all = new Streaks(MO_WE_FR, Set.of(), nov(16, 18, 20, 23, 25), FIRST, TODAY);
        Streaks missedFriday = new Streaks(MO_WE_FR, Set.of(), nov(16, 18, 23, 25), FIRST, TODAY);

        assertThat(all.current()).isEqualTo(5);
        assertThat(all.longest()).isEqualTo(5);
        assertThat(missedFriday.current()).isEqualTo(2);
        assertThat(missedFriday.longest()).isEqualTo(2);
    }

    @Test
    void aCheckInOnAnUnscheduledDayNeitherExtendsNorBreaks() {
        Streaks streaks = new Streaks(MO_WE_FR, Set.of(), nov(23, 24, 25), FIRST, TODAY);

        assertThat(streaks.current()).isEqualTo(2);
        assertThat(streaks.completion(LocalDate.parse("2026-11-23"), TODAY)).isEqualTo(new Streaks.Completion(2, 2, 2));
    }

    @Test
    void markedRestDaysNeverBreakAStreakAndDoNotExtendIt() {
        Set<LocalDate> done = novRange(16, 26);
        done.remove(LocalDate.parse("2026-11-22"));
        Streaks rested = new Streaks(DAILY, nov(22), done, FIRST, TODAY);
        Streaks restedButCheckedIn = new Streaks(DAILY, nov(22), novRange(16, 26), FIRST, TODAY);
        Streaks notRested = new Streaks(DAILY, Set.of(), done, FIRST, TODAY);

        assertThat(rested.current()).isEqualTo(10);
        assertThat(rested.longest()).isEqualTo(10);
        assertThat(restedButCheckedIn.current()).isEqualTo(10);
        assertThat(notRested.current()).isEqualTo(4);
        assertThat(notRested.longest()).isEqualTo(6);
    }

    @Test
    void restDaysInARowAndARestingTodayKeepTheStreak() {
        Streaks streaks = new Streaks(DAILY, nov(23, 24, 26), union(novRange(16, 22), nov(25)), FIRST, TODAY);

        assertThat(streaks.current()).isEqualTo(8);
        assertThat(streaks.isRestDay(TODAY)).isTrue();
    }

    @Test
    void daysBeforeTheHistoryNeitherBreakNorCount() {
        Streaks streaks = new Streaks(DAILY, Set.of(), novRange(24, 26), LocalDate.parse("2026-11-24"), TODAY);

        assertThat(streaks.current()).isEqualTo(3);
        assertThat(streaks.completion(FIRST, TODAY)).isEqualTo(new Streaks.Completion(3, 3, 0));
    }

    @Test
    void noCheckInsNoStreaks() {
        Streaks streaks = daily(Set.of());

        assertThat(streaks.current()).isZero();
        assertThat(streaks.longest()).isZero();
        assertThat(streaks.completion(FIRST, TODAY).rate()).isZero();
    }

    @Test
    void completionCountsDoneScheduledDaysOverScheduledDaysThatAreOver() {
        Streaks open = daily(nov(16, 18, 20));
        Streaks doneToday = daily(nov(16, 18, 20, 26));

        assertThat(open.completion(FIRST, TODAY))
                .as("today still open: not counted")
                .isEqualTo(new Streaks.Completion(10, 3, 0));
        assertThat(open.completion(FIRST, TODAY).rate()).isEqualTo(0.3);
        assertThat(doneToday.completion(FIRST, TODAY)).isEqualTo(new Streaks.Completion(11, 4, 0));
    }

    @Test
    void completionLeavesOutRestDays() {
        Streaks scheduled = new Streaks(MO_WE_FR, Set.of(), nov(16, 20, 23, 25), FIRST, TODAY);
        Streaks wednesdayRested = new Streaks(MO_WE_FR, nov(18), nov(16, 20, 23, 25), FIRST, TODAY);

        assertThat(scheduled.completion(FIRST, TODAY)).isEqualTo(new Streaks.Completion(5, 4, 6));
        assertThat(scheduled.completion(FIRST, TODAY).rate()).isEqualTo(0.8);
        assertThat(wednesdayRested.completion(FIRST, TODAY)).isEqualTo(new Streaks.Completion(4, 4, 7));
        assertThat(wednesdayRested.completion(FIRST, TODAY).rate()).isEqualTo(1.0);
    }

    @Test
    void completionStopsAtTodayAndIsZeroWithoutScheduledDays() {
        Streaks streaks = daily(novRange(20, 26));
        Streaks weekendOnly = new Streaks(Set.of(DayOfWeek.SATURDAY), Set.of(), Set.of(), FIRST, TODAY);

        assertThat(streaks.completion(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-12-31")))
                .isEqualTo(new Streaks.Completion(7, 7, 0));
        assertThat(weekendOnly.completion(LocalDate.parse("2026-11-23"), TODAY))
                .isEqualTo(new Streaks.Completion(0, 0, 4));
        assertThat(weekendOnly.completion(LocalDate.parse("2026-11-23"), TODAY).rate())
                .isZero();
    }

    @Test
    void aHistoryOfOnlyTodayCountsOnceDone() {
        assertThat(new Streaks(DAILY, Set.of(), nov(26), TODAY, TODAY).current())
                .isEqualTo(1);
        assertThat(new Streaks(DAILY, Set.of(), Set.of(), TODAY, TODAY).completion(TODAY, TODAY))
                .isEqualTo(new Streaks.Completion(0, 0, 0));
    }

    private static Set<LocalDate> union(Set<LocalDate> a, Set<LocalDate> b) {
        Set<LocalDate> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
