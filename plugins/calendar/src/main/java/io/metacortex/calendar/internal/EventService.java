package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.ics.Component;
import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Events: each is one calendar object (a UID), read and written as iCalendar through {@link CalendarObject}, so
 * that what the REST API, ICS export and a CalDAV client see is the same. Every change numbers itself with the
 * calendar's next sync token and reschedules the object's reminders.
 */
public final class EventService {

    /** The longest range one expansion may cover. */
    static final Duration MAX_RANGE = Duration.ofDays(366);

    private final Jdbi jdbi;
    private final TaskLookup tasks;
    private final Reminders reminders;
    private final Clock clock;

    EventService(Jdbi jdbi, TaskLookup tasks, Reminders reminders, Clock clock) {
        this.jdbi = jdbi;
        this.tasks = tasks;
        this.reminders = reminders;
        this.clock = clock;
    }

    EventView create(UUID owner, long calendarId, String uid, EventFields fields) {
        String id = uid == null ? UUID.randomUUID().toString() : uid.strip();
        Stored stored = jdbi.inTransaction(h -> {
            CalendarView calendar = CalendarService.require(h, owner, calendarId);
            if (CalendarDao.findObject(h, owner, calendarId, id).isPresent()) {
                throw CalendarErrors.uidTaken(id);
            }
            CalendarObject object = CalendarObject.create(id, fields, clock.instant());
            return put(h, owner, calendar, object);
        });
        return view(owner, stored);
    }

    EventView get(UUID owner, long calendarId, String uid) {
        Stored stored = jdbi.withHandle(h -> {
            CalendarView calendar = CalendarDao.findCalendar(h, owner, calendarId)
                    .orElseThrow(() -> CalendarErrors.calendarNotFound(Long.toString(calendarId)));
            StoredObject object = CalendarDao.findObject(h, owner, calendarId, uid)
                    .orElseThrow(() -> CalendarErrors.eventNotFound(uid));
            return new Stored(calendar, object, CalendarObject.parse(object.ics()));
        });
        return show(owner, stored);
    }

    /** Replaces the series' own fields (its overridden instances are kept). */
    EventView replace(UUID owner, long calendarId, String uid, String ifMatch, EventFields fields) {
        return change(owner, calendarId, uid, ifMatch, object -> object.updateMaster(fields, clock.instant()));
    }

    void delete(UUID owner, long calendarId, String uid, String ifMatch) {
        long objectId = jdbi.inTransaction(h -> {
            CalendarService.require(h, owner, calendarId);
            StoredObject current = CalendarDao.findObject(h, owner, calendarId, uid)
                    .orElseThrow(() -> CalendarErrors.eventNotFound(uid));
            IfMatch.check(ifMatch, current.etag());
            long change = CalendarDao.nextChange(h, owner, calendarId);
            return CalendarDao.tombstone(h, owner, calendarId, uid, change).orElseThrow();
        });
        reminders.cancel(objectId);
    }

    /**
     * Stores a whole calendar object as a client sent it (CalDAV PUT), creating or replacing its UID, after checking
     * the request's preconditions against the stored object; reschedules its reminders as every change does.
     *
     * @return whether it was created, and its entity tag
     */
    Written write(UUID owner, long calendarId, CalendarObject object, Preconditions preconditions) {
        Stored stored = jdbi.inTransaction(h -> {
            CalendarView calendar = CalendarService.require(h, owner, calendarId);
            Optional<StoredObject> current = CalendarDao.findObject(h, owner, calendarId, object.uid());
            preconditions.check(object.uid(), current.map(StoredObject::etag));
            if (current.isPresent() && current.get().etag().equals(object.etag())) {
                return new Stored(calendar, current.get(), object);
            }
            Stored put = put(h, owner, calendar, object);
            return new Stored(calendar, put.row(), put.object(), current.isEmpty());
        });
        reminders.reschedule(owner, stored);
        return new Written(stored.created(), stored.row().etag());
    }

    /** As {@link #delete(UUID, long, String)}, when the stored object meets the preconditions (CalDAV DELETE). */
    void delete(UUID owner, long calendarId, String uid, Preconditions preconditions) {
        long objectId = jdbi.inTransaction(h -> {
            CalendarService.require(h, owner, calendarId);
            StoredObject current = CalendarDao.findObject(h, owner, calendarId, uid)
                    .orElseThrow(() -> CalendarErrors.eventNotFound(uid));
            preconditions.check(uid, Optional.of(current.etag()));
            long change = CalendarDao.nextChange(h, owner, calendarId);
            return CalendarDao.tombstone(h, owner, calendarId, uid, change).orElseThrow();
        });
        reminders.cancel(objectId);
    }

    /** What a {@link #write} did. */
    public record Written(boolean created, String etag) {}

    /** Edits one instance: creates or updates its RECURRENCE-ID override. */
    EventView editInstance(
            UUID owner, long calendarId, String uid, String recurrenceId, String ifMatch, EventFields fields) {
        return change(owner, calendarId, uid, ifMatch, object -> {
            EventTime original = instance(object, uid, recurrenceId);
            object.override(original.key(), original, fields, clock.instant());
        });
    }

    /** Deletes one instance: an EXDATE on the series (and its override, if any, goes). */
    EventView deleteInstance(UUID owner, long calendarId, String uid, String recurrenceId, String ifMatch) {
        return change(owner, calendarId, uid, ifMatch, object -> {
            EventTime original = instance(object, uid, recurrenceId);
            object.exclude(original.key(), original, clock.instant());
        });
    }

    /**
     * Edits "this and following": the series ends just before the instance (UNTIL), and a new series with
     * {@code fields} (a new UID) starts there. At the series' first instance this is an edit of the whole series.
     *
     * @return the new series
     */
    EventView editFollowing(
            UUID owner, long calendarId, String uid, String recurrenceId, String ifMatch, EventFields fields) {
        Stored created = jdbi.inTransaction(h -> {
            CalendarView calendar = CalendarService.require(h, owner, calendarId);
            StoredObject stored = CalendarDao.findObject(h, owner, calendarId, uid)
                    .orElseThrow(() -> CalendarErrors.eventNotFound(uid));
            IfMatch.check(ifMatch, stored.etag());
            CalendarObject object = CalendarObject.parse(stored.ics());
            EventTime split = instance(object, uid, recurrenceId);
            EventFields series = object.fields();
            if (split.key().equals(series.start().key())) {
                object.updateMaster(fields, clock.instant());
                return put(h, owner, calendar, object);
            }
            List<EventTime> rdates = series.rdates().stream()
                    .filter(t -> t.earliest().isBefore(split.earliest()))
                    .toList();
            List<EventTime> exdates = series.exdates().stream()
                    .filter(t -> t.earliest().isBefore(split.earliest()))
                    .toList();
            String rule = series.rrule() == null ? null : Recurrences.endBefore(series.rrule(), split);
            object.updateMaster(series.withRecurrence(rule, rdates, exdates), clock.instant());
            object.dropOverridesFrom(split);
            put(h, owner, calendar, object);
            String newUid = UUID.randomUUID().toString();
            return put(h, owner, calendar, CalendarObject.create(newUid, fields, clock.instant()));
        });
        return view(owner, created);
    }

    /**
     * @param calendarId one calendar, or null for all of the caller's
     * @return the instances in [from, to), by start, each flagged when it overlaps another
     */
    List<InstanceView> instances(UUID owner, Long calendarId, String from, String to) {
        FieldErrors errors = new FieldErrors();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                errors.add("to", "must be after from");
            } else if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
                errors.add("to", "must be at most 366 days after from");
            }
        }
        errors.throwIfAny(ApiException::invalidQuery);
        List<Occurrence> found = jdbi.withHandle(h -> {
            List<CalendarView> calendars = calendarId == null
                    ? CalendarDao.allCalendars(h, owner)
                    : List.of(CalendarDao.findCalendar(h, owner, calendarId)
                            .orElseThrow(() -> CalendarErrors.calendarNotFound(Long.toString(calendarId))));
            List<Occurrence> all = new ArrayList<>();
            if (calendars.isEmpty()) {
                return all;
            }
            Map<Long, ZoneId> zones = new HashMap<>();
            calendars.forEach(c -> zones.put(c.id(), ZoneId.of(c.timeZone())));
            for (StoredObject stored : CalendarDao.objectsInRange(
                    h, owner, calendars.stream().map(CalendarView::id).toList(), start, end)) {
                all.addAll(Expander.expand(
                        stored.calendarId(),
                        CalendarObject.parse(stored.ics()),
                        start,
                        end,
                        zones.get(stored.calendarId())));
            }
            all.sort(Comparator.comparing(Occurrence::startsAt).thenComparing(Occurrence::uid));
            return all;
        });
        Set<Long> taskIds = new HashSet<>();
        found.forEach(o -> Optional.ofNullable(o.fields().taskId()).ifPresent(taskIds::add));
        Map<Long, LinkedTask> linked = tasks.find(owner, taskIds);
        boolean[] overlaps = Expander.overlapping(found);
        List<InstanceView> views = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Occurrence o = found.get(i);
            views.add(new InstanceView(
                    o.calendarId(),
                    o.uid(),
                    o.recurrenceId(),
                    o.fields().title(),
                    o.fields().location(),
                    JsonTimes.write(o.start()),
                    JsonTimes.write(o.end()),
                    o.start().zone() == null ? null : o.start().zone().getId(),
                    o.start().allDay(),
                    o.overridden(),
                    overlaps[i],
                    o.fields().taskId() == null ? null : linked.get(o.fields().taskId())));
        }
        return views;
    }

    private static Instant instant(String field, String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required: an instant such as 2026-03-01T00:00:00Z");
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(field, "must be an instant such as 2026-03-01T00:00:00Z");
            return null;
        }
    }

    /** The instance of {@code recurrenceId} in the object's series; 404 when the series has no such instance. */
    static EventTime instance(CalendarObject object, String uid, String recurrenceId) {
        Component master = object.master().orElseThrow(() -> CalendarErrors.notRecurring(uid));
        EventFields series = VEvents.read(master);
        if (!series.recurring()) {
            throw CalendarErrors.notRecurring(uid);
        }
        EventTime key = parseKey(recurrenceId).orElseThrow(() -> CalendarErrors.instanceNotFound(uid, recurrenceId));
        EventTime wanted = Recurrences.sameKind(series.start(), key);
        if (object.overrides().containsKey(wanted.key())) {
            return wanted;
        }
        EventTime found = Recurrences.starts(series, wanted.latest().plus(Duration.ofDays(2)))
                .get(wanted.key());
        if (found == null) {
            throw CalendarErrors.instanceNotFound(uid, recurrenceId);
        }
        return found;
    }

    /** Reads a key written by {@link EventTime#key()}. */
    static Optional<EventTime> parseKey(String key) {
        try {
            if (key.length() == 8) {
                return Optional.of(EventTime.ofDate(LocalDate.parse(key, EventTime.DATE)));
            }
            if (key.length() == 16 && key.endsWith("Z")) {
                return Optional.of(EventTime.zoned(
                        LocalDateTime.parse(key.substring(0, 15), EventTime.DATE_TIME), ZoneOffset.UTC));
            }
            if (key.length() == 15) {
                return Optional.of(EventTime.floating(LocalDateTime.parse(key, EventTime.DATE_TIME)));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A change of one object: edit it, store it with the next change number, reschedule its reminders. */
    private EventView change(UUID owner, long calendarId, String uid, String ifMatch, Consumer<CalendarObject> edit) {
        Stored stored = jdbi.inTransaction(h -> {
            CalendarView calendar = CalendarService.require(h, owner, calendarId);
            StoredObject current = CalendarDao.findObject(h, owner, calendarId, uid)
                    .orElseThrow(() -> CalendarErrors.eventNotFound(uid));
            IfMatch.check(ifMatch, current.etag());
            CalendarObject object = CalendarObject.parse(current.ics());
            edit.accept(object);
            return put(h, owner, calendar, object);
        });
        return view(owner, stored);
    }

    /** Stores the object with the calendar's next change number. */
    static Stored put(Handle h, UUID owner, CalendarView calendar, CalendarObject object) {
        long change = CalendarDao.nextChange(h, owner, calendar.id());
        long id = CalendarDao.putObject(h, owner, calendar.id(), object, change);
        return new Stored(
                calendar,
                new StoredObject(id, calendar.id(), object.uid(), object.text(), object.etag(), change),
                object);
    }

    /**
     * An object as just read or written, with its calendar.
     *
     * @param created whether this write created the UID (or revived its tombstone)
     */
    record Stored(CalendarView calendar, StoredObject row, CalendarObject object, boolean created) {

        Stored(CalendarView calendar, StoredObject row, CalendarObject object) {
            this(calendar, row, object, false);
        }
    }

    /** Reschedules the reminders of a stored object (after its transaction committed) and shows it. */
    private EventView view(UUID owner, Stored stored) {
        reminders.reschedule(owner, stored);
        return show(owner, stored);
    }

    EventView show(UUID owner, Stored stored) {
        CalendarObject object = stored.object();
        Set<Long> taskIds = new HashSet<>();
        object.events()
                .forEach(e -> Optional.ofNullable(VEvents.read(e).taskId()).ifPresent(taskIds::add));
        Map<Long, LinkedTask> linked = tasks.find(owner, taskIds);
        List<EventView> overrides = new ArrayList<>();
        object.overrides().forEach((key, override) -> {
            EventFields fields = VEvents.read(override);
            overrides.add(EventView.of(
                    stored.calendar().id(),
                    object.uid(),
                    stored.row().etag(),
                    key,
                    fields,
                    fields.taskId() == null ? null : linked.get(fields.taskId()),
                    List.of()));
        });
        EventFields fields = object.fields();
        return EventView.of(
                stored.calendar().id(),
                object.uid(),
                stored.row().etag(),
                object.master().isPresent() ? null : overrides.get(0).recurrenceId(),
                fields,
                fields.taskId() == null ? null : linked.get(fields.taskId()),
                overrides);
    }
}
