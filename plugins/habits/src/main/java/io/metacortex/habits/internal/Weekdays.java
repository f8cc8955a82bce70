package io.metacortex.habits.internal;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The weekdays a habit is scheduled on, written as the two-letter codes of iCalendar ({@code MO}, {@code TU},
 * {@code WE}, {@code TH}, {@code FR}, {@code SA}, {@code SU}). No weekday at all means every day.
 */
final class Weekdays {

    static final String MESSAGE = "each day must be one of MO, TU, WE, TH, FR, SA, SU";
    private static final List<String> CODES = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    private Weekdays() {}

    /**
     * @param codes as sent, in any case and order, possibly repeated; null or empty for every day
     * @return the weekdays
     * @throws IllegalArgumentException with {@link #MESSAGE} when a code is not a weekday's
     */
    static Set<DayOfWeek> parse(List<String> codes) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (codes == null) {
            return days;
        }
        for (String code : codes) {
            int index = code == null ? -1 : CODES.indexOf(code.strip().toUpperCase(Locale.ROOT));
            if (index < 0) {
                throw new IllegalArgumentException(MESSAGE);
            }
            days.add(DayOfWeek.of(index + 1));
        }
        return days;
    }

    /** @return the codes in week order, Monday first */
    static List<String> codes(Set<DayOfWeek> days) {
        return days.stream().sorted().map(d -> CODES.get(d.getValue() - 1)).toList();
    }

    /** @return whether a habit with these weekdays is scheduled on {@code day} (always, when there are none) */
    static boolean isScheduled(Set<DayOfWeek> days, DayOfWeek day) {
        return days.isEmpty() || days.contains(day);
    }
}
