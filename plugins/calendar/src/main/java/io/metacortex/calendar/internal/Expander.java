package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.ics.Component;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Expands a calendar object into its instances within a range. */
final class Expander {

    private Expander() {}

    /**
     * @param zone where floating and all-day times are placed (the calendar's zone)
     * @return the instances that overlap [from, to) (an instance of no length counts when it starts in the range),
     *     by start
     */
    static List<Occurrence> expand(long calendarId, CalendarObject object, Instant from, Instant to, ZoneId zone) {
        List<Occurrence> found = new ArrayList<>();
        Map<String, Component> overrides = object.overrides();
        Optional<Component> master = object.master();
        String uid = object.uid();
        if (master.isPresent()) {
            EventFields series = VEvents.read(master.get());
            Duration length =
                    Duration.between(series.start().date(), series.end().date());
            Map<String, EventTime> periodEnds = RdatePeriods.ends(master.get(), series.start());
            for (Map.Entry<String, EventTime> start :
                    Recurrences.starts(series, to.plus(Duration.ofDays(2))).entrySet()) {
                if (overrides.containsKey(start.getKey())) {
                    continue;
                }
                EventTime end = periodEnds.getOrDefault(
                        start.getKey(),
                        start.getValue().withDate(start.getValue().date().plus(length)));
                add(
                        found,
                        calendarId,
                        uid,
                        series.recurring() ? start.getKey() : null,
                        series,
                        start.getValue(),
                        end,
                        from,
                        to,
                        zone,
                        false);
            }
        }
        overrides.forEach((key, override) -> {
            EventFields fields = VEvents.read(override);
            add(found, calendarId, uid, key, fields, fields.start(), fields.end(), from, to, zone, true);
        });
        found.sort(Comparator.comparing(Occurrence::startsAt).thenComparing(Occurrence::uid));
        return found;
    }

    private static void add(
            List<Occurrence> found,
            long calendarId,
            String uid,
            String key,
            EventFields fields,
            EventTime start,
            EventTime end,
            Instant from,
            Instant to,
            ZoneId zone,
            boolean overridden) {
        Instant startsAt = start.instant(zone);
        Instant endsAt = end.instant(zone);
        boolean overlaps = startsAt.isBefore(to)
                && (endsAt.isAfter(from) || (startsAt.equals(endsAt) && !startsAt.isBefore(from)));
        if (overlaps) {
            found.add(new Occurrence(calendarId, uid, key, fields, start, end, startsAt, endsAt, overridden));
        }
    }

    /**
     * @return the indexes of instances that overlap another timed instance of the list (all-day instances are not
     *     counted: they mark days, not busy time)
     */
    static boolean[] overlapping(List<Occurrence> sorted) {
        boolean[] flags = new boolean[sorted.size()];
        Instant latestEnd = null;
        int latestIndex = -1;
        for (int i = 0; i < sorted.size(); i++) {
            Occurrence o = sorted.get(i);
            if (o.start().allDay() || !o.endsAt().isAfter(o.startsAt())) {
                continue;
            }
            if (latestEnd != null && o.startsAt().isBefore(latestEnd)) {
                flags[i] = true;
                flags[latestIndex] = true;
            }
            if (latestEnd == null || o.endsAt().isAfter(latestEnd)) {
                latestEnd = o.endsAt();
                latestIndex = i;
            }
        }
        return flags;
    }
}
