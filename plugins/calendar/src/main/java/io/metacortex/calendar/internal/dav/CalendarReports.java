package io.metacortex.calendar.internal.dav;

import static io.metacortex.calendar.internal.dav.DavRequestBody.child;
import static io.metacortex.calendar.internal.dav.DavRequestBody.children;
import static io.metacortex.calendar.internal.dav.DavRequestBody.is;
import static io.metacortex.calendar.internal.dav.DavXml.CALDAV;
import static io.metacortex.calendar.internal.dav.DavXml.DAV;

import io.metacortex.calendar.internal.DavCalendar;
import io.metacortex.calendar.internal.DavObject;
import io.metacortex.calendar.internal.DavStore;
import io.metacortex.plugin.api.User;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * The REPORTs of a calendar: {@code CALDAV:calendar-query} (comp-filter VEVENT with a time-range, recurring series
 * expanded, and prop-filters with a text-match or is-not-defined), {@code CALDAV:calendar-multiget} (by href) and {@code DAV:sync-collection} (RFC 6578: everything for an
 * empty token, else the changes since it, deletions as 404 responses; a token not of this calendar 403
 * DAV:valid-sync-token).
 */
final class CalendarReports {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    private final DavStore store;

    CalendarReports(DavStore store) {
        this.store = store;
    }

    DavXml answer(DavProperties properties, String davRoot, User user, DavCalendar calendar, Element report) {
        Optional<List<QName>> requested = DavRequestBody.requestedProperties(report);
        DavXml xml = DavXml.multistatus();
        if (is(report, CALDAV, "calendar-query")) {
            for (DavObject object : query(user, calendar, report)) {
                add(xml, properties, davRoot, user, calendar, object, requested);
            }
        } else if (is(report, CALDAV, "calendar-multiget")) {
            multiget(xml, properties, davRoot, user, calendar, report, requested);
        } else if (is(report, DAV, "sync-collection")) {
            sync(xml, properties, davRoot, user, calendar, report, requested);
        } else {
            throw DavResponses.error(
                    403,
                    DAV,
                    "supported-report",
                    "this server answers calendar-query, calendar-multiget and sync-collection");
        }
        return xml;
    }

    private List<DavObject> query(User user, DavCalendar calendar, Element report) {
        Element vcalendar = child(report, CALDAV, "filter")
                .flatMap(filter -> child(filter, CALDAV, "comp-filter"))
                .orElse(null);
        if (vcalendar == null) {
            return store.objects(user.id(), calendar.id(), null);
        }
        if (!vcalendar.getAttribute("name").equalsIgnoreCase("VCALENDAR")) {
            throw filterError("the outer comp-filter names VCALENDAR");
        }
        List<Element> components = children(vcalendar);
        if (components.isEmpty()) {
            return store.objects(user.id(), calendar.id(), null);
        }
        Element component = components.get(0);
        if (components.size() > 1 || !is(component, CALDAV, "comp-filter")) {
            throw unsupportedFilter("one comp-filter inside VCALENDAR");
        }
        if (!component.getAttribute("name").equalsIgnoreCase("VEVENT")) {
            return List.of(); // only events are stored
        }
        Element range = null;
        List<Predicate<DavObject>> properties = new ArrayList<>();
        for (Element test : children(component)) {
            if (is(test, CALDAV, "time-range") && range == null) {
                range = test;
            } else if (is(test, CALDAV, "prop-filter")) {
                properties.add(propertyFilter(test));
            } else if (is(test, CALDAV, "is-not-defined")) {
                return List.of();
            } else {
                throw unsupportedFilter("a time-range and prop-filters (text-match, is-not-defined) on VEVENT");
            }
        }
        List<DavObject> found;
        if (range == null) {
            found = store.objects(user.id(), calendar.id(), null);
        } else {
            Instant from = time(range, "start").orElse(EARLIEST);
            Instant to = time(range, "end").orElse(LATEST);
            if (!to.isAfter(from)) {
                throw filterError("a time-range's end is after its start");
            }
            found = store.objectsInRange(user.id(), calendar, from, to);
        }
        return found.stream()
                .filter(object -> properties.stream().allMatch(p -> p.test(object)))
                .toList();
    }

    /** A prop-filter: the property defined, not defined, or with a text-match (i;ascii-casemap: case-insensitive). */
    private static Predicate<DavObject> propertyFilter(Element filter) {
        String name = filter.getAttribute("name").strip();
        if (name.isEmpty()) {
            throw filterError("a prop-filter names its property");
        }
        List<Element> tests = children(filter);
        if (tests.isEmpty()) {
            return object -> DavStore.anyEventProperty(object, name, value -> true);
        }
        Element test = tests.get(0);
        if (tests.size() == 1 && is(test, CALDAV, "is-not-defined")) {
            return object -> !DavStore.anyEventProperty(object, name, value -> true);
        }
        if (tests.size() != 1 || !is(test, CALDAV, "text-match")) {
            throw unsupportedFilter("a prop-filter with one text-match or is-not-defined");
        }
        String wanted = test.getTextContent().toLowerCase(Locale.ROOT);
        boolean negate = test.getAttribute("negate-condition").equalsIgnoreCase("yes");
        return object -> DavStore.anyEventProperty(
                object, name, value -> value.toLowerCase(Locale.ROOT).contains(wanted) != negate);
    }

    private static Optional<Instant> time(Element range, String attribute) {
        String value = range.getAttribute(attribute).strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value, UTC).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw filterError("a time-range's " + attribute + " is a UTC date-time such as 20260301T000000Z");
        }
    }

    private static DavException filterError(String message) {
        return DavResponses.error(403, CALDAV, "valid-filter", message);
    }

    private static DavException unsupportedFilter(String what) {
        return DavResponses.error(403, CALDAV, "supported-filter", "this server filters by " + what + " only");
    }

    private void multiget(
            DavXml xml,
            DavProperties properties,
            String davRoot,
            User user,
            DavCalendar calendar,
            Element report,
            Optional<List<QName>> requested) {
        Map<String, String> uidsByHref = new LinkedHashMap<>();
        for (Element href : children(report)) {
            if (!is(href, DAV, "href")) {
                continue;
            }
            String text = href.getTextContent().strip();
            uidsByHref.put(
                    text,
                    DavPath.ofHref(text, davRoot)
                            .filter(path -> path.kind() == DavPath.Kind.OBJECT
                                    && user.id().equals(path.user())
                                    && calendar.segment().equals(path.calendar()))
                            .map(DavPath::uid)
                            .orElse(null));
        }
        List<String> uids = uidsByHref.values().stream().filter(u -> u != null).toList();
        Map<String, DavObject> found = new LinkedHashMap<>();
        if (!uids.isEmpty()) {
            store.objects(user.id(), calendar.id(), uids).forEach(o -> found.put(o.uid(), o));
        }
        uidsByHref.forEach((href, uid) -> {
            DavObject object = uid == null ? null : found.get(uid);
            if (object == null) {
                xml.response(href, 404);
            } else {
                add(xml, properties, davRoot, user, calendar, object, requested);
            }
        });
    }

    private void sync(
            DavXml xml,
            DavProperties properties,
            String davRoot,
            User user,
            DavCalendar calendar,
            Element report,
            Optional<List<QName>> requested) {
        long current = calendar.calendar().syncToken();
        String token = child(report, DAV, "sync-token")
                .map(e -> e.getTextContent().strip())
                .orElse("");
        if (token.isEmpty()) {
            for (DavObject object : store.objects(user.id(), calendar.id(), null)) {
                add(xml, properties, davRoot, user, calendar, object, requested);
            }
        } else {
            OptionalLong since = SyncToken.read(token, calendar.id(), current);
            if (since.isEmpty()) {
                throw DavResponses.error(
                        403, DAV, "valid-sync-token", "this sync token is not one of this calendar: sync from scratch");
            }
            DavStore.Changes changes = store.changesSince(user.id(), calendar.id(), since.getAsLong());
            for (DavObject object : changes.changed()) {
                add(xml, properties, davRoot, user, calendar, object, requested);
            }
            for (String uid : changes.deleted()) {
                xml.response(DavPath.object(davRoot, user.id(), calendar.segment(), uid), 404);
            }
        }
        xml.syncToken(SyncToken.of(calendar.id(), current));
    }

    private static void add(
            DavXml xml,
            DavProperties properties,
            String davRoot,
            User user,
            DavCalendar calendar,
            DavObject object,
            Optional<List<QName>> requested) {
        DavProperties.Answer answer = DavProperties.answer(properties.object(object), requested);
        xml.response(
                DavPath.object(davRoot, user.id(), calendar.segment(), object.uid()), answer.found(), answer.missing());
    }
}
