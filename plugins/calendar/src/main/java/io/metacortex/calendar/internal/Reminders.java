package io.metacortex.calendar.internal;

import io.metacortex.plugin.api.events.Events;
import io.metacortex.plugin.api.jobs.Job;
import io.metacortex.plugin.api.jobs.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Reminders as jobs of the host: one job per calendar object (key {@code object-<row id>}) at its next reminder time.
 * When it runs it publishes the durable event {@value #EVENT} for each reminder due, then moves itself to the next
 * one. Creating, moving or deleting an event reschedules or cancels its job.
 */
final class Reminders {

    static final String JOB = "calendar-reminder";
    static final String EVENT = "calendar.reminder";
    /** How far ahead the next reminder of a series is looked for; past it, there is none until the event changes. */
    static final Duration HORIZON = Duration.ofDays(400);

    /** The job's payload: which object, whose. */
    record Payload(long objectId, UUID ownerId) {}

    /**
     * The payload of {@value #EVENT}.
     *
     * @param recurrenceId the instance's key in its series, null for a single event
     * @param start when the instance starts
     */
    record Reminder(
            UUID userId,
            long calendarId,
            String uid,
            String recurrenceId,
            String title,
            Instant start,
            int minutesBefore) {}

    private final Jdbi jdbi;
    private final Jobs jobs;
    private final Events events;
    private final Clock clock;

    Reminders(Jdbi jdbi, Jobs jobs, Events events, Clock clock) {
        this.jdbi = jdbi;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
    }

    static String key(long objectId) {
        return "object-" + objectId;
    }

    /** Schedules the object's next reminder after now, replacing its job; cancels it when there is none. */
    void reschedule(UUID owner, long objectId, long calendarId, CalendarObject object, ZoneId zone) {
        jobs.cancel(JOB, key(objectId));
        next(calendarId, object, zone, clock.instant())
                .ifPresent(at -> jobs.schedule(JOB, new Payload(objectId, owner))
                        .key(key(objectId))
                        .at(at));
    }

    /** As {@link #reschedule(UUID, long, long, CalendarObject, ZoneId)} for an object just stored, in its calendar's zone. */
    void reschedule(UUID owner, EventService.Stored stored) {
        reschedule(
                owner,
                stored.row().id(),
                stored.calendar().id(),
                stored.object(),
                ZoneId.of(stored.calendar().timeZone()));
    }

    void cancel(long objectId) {
        jobs.cancel(JOB, key(objectId));
    }

    /** @return the first reminder time after {@code after}, within {@link #HORIZON} */
    static Optional<Instant> next(long calendarId, CalendarObject object, ZoneId zone, Instant after) {
        Instant next = null;
        Duration longest = Duration.ofMinutes(EventRequestValidator.MAX_REMINDER_MINUTES);
        for (Occurrence o :
                Expander.expand(calendarId, object, after, after.plus(HORIZON).plus(longest), zone)) {
            for (int minutes : o.fields().reminders()) {
                Instant at = o.startsAt().minus(Duration.ofMinutes(minutes));
                if (at.isAfter(after) && (next == null || at.isBefore(next))) {
                    next = at;
                }
            }
        }
        return Optional.ofNullable(next);
    }

    /** Runs one reminder job: publishes the reminders due since it was scheduled, then moves it to the next one. */
    void run(Job<Payload> job) {
        Payload payload = job.payload();
        Instant now = clock.instant();
        Instant since = job.scheduledAt().minus(Duration.ofMinutes(1));
        Optional<Instant> next = jdbi.inTransaction(h -> {
            h.execute(
                    "SELECT set_config('app.user_id', ?, true)",
                    payload.ownerId().toString());
            Optional<StoredObject> stored = CalendarDao.findObject(h, payload.ownerId(), payload.objectId());
            if (stored.isEmpty()) {
                return Optional.<Instant>empty();
            }
            CalendarView calendar = CalendarDao.findCalendar(
                            h, payload.ownerId(), stored.get().calendarId())
                    .orElseThrow();
            ZoneId zone = ZoneId.of(calendar.timeZone());
            CalendarObject object = CalendarObject.parse(stored.get().ics());
            Duration longest = Duration.ofMinutes(EventRequestValidator.MAX_REMINDER_MINUTES);
            Map<String, Reminder> due = new LinkedHashMap<>();
            for (Occurrence o : Expander.expand(calendar.id(), object, since, now.plus(longest), zone)) {
                for (int minutes : o.fields().reminders()) {
                    Instant at = o.startsAt().minus(Duration.ofMinutes(minutes));
                    if (!at.isBefore(since) && !at.isAfter(now)) {
                        due.put(
                                o.recurrenceId() + "/" + minutes,
                                new Reminder(
                                        payload.ownerId(),
                                        calendar.id(),
                                        o.uid(),
                                        o.recurrenceId(),
                                        o.fields().title(),
                                        o.startsAt(),
                                        minutes));
                    }
                }
            }
            for (Reminder reminder : due.values()) {
                events.publish(h, EVENT, reminder);
            }
            return next(calendar.id(), object, zone, now);
        });
        next.ifPresent(job::rescheduleAt);
    }
}
