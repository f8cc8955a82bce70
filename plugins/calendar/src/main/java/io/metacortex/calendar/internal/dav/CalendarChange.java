package io.metacortex.calendar.internal.dav;

import static io.metacortex.calendar.internal.dav.DavRequestBody.children;
import static io.metacortex.calendar.internal.dav.DavRequestBody.is;
import static io.metacortex.calendar.internal.dav.DavXml.CALDAV;
import static io.metacortex.calendar.internal.dav.DavXml.DAV;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * The calendar properties a PROPPATCH ({@code DAV:propertyupdate}) or MKCALENDAR ({@code CALDAV:mkcalendar}) body
 * sets: name, colour, time zone and component set are kept; removing one of them keeps what the calendar has.
 *
 * @param name the displayname set, or null
 * @param colour the calendar-color set as {@code #rrggbb} (an alpha byte dropped), or null
 * @param timeZone the calendar-timezone set (a VCALENDAR text), or null
 * @param vevents false when a supported-calendar-component-set leaves out VEVENT
 * @param all every property named, in order
 * @param refused the properties set that the server does not keep
 */
record CalendarChange(
        String name, String colour, String timeZone, boolean vevents, List<QName> all, List<QName> refused) {

    static final CalendarChange NONE = new CalendarChange(null, null, null, true, List.of(), List.of());

    private static final QName TIME_ZONE = new QName(CALDAV, "calendar-timezone");
    private static final QName COMPONENTS = new QName(CALDAV, "supported-calendar-component-set");

    static CalendarChange read(Element update) {
        String name = null;
        String colour = null;
        String timeZone = null;
        boolean vevents = true;
        List<QName> all = new ArrayList<>();
        List<QName> refused = new ArrayList<>();
        for (Element action : children(update)) {
            boolean set = is(action, DAV, "set");
            if (!set && !is(action, DAV, "remove")) {
                continue;
            }
            for (Element prop : children(action)) {
                if (!is(prop, DAV, "prop")) {
                    continue;
                }
                for (Element property : children(prop)) {
                    QName key = DavRequestBody.name(property);
                    all.add(key);
                    if (!set) {
                        continue;
                    }
                    String text = property.getTextContent().strip();
                    if (key.equals(DavProperties.DISPLAY_NAME)) {
                        name = text;
                    } else if (key.equals(DavProperties.CALENDAR_COLOR)) {
                        colour = colour(text);
                    } else if (key.equals(TIME_ZONE)) {
                        timeZone = text;
                    } else if (key.equals(COMPONENTS)) {
                        vevents = children(property).stream()
                                .anyMatch(comp -> is(comp, CALDAV, "comp")
                                        && comp.getAttribute("name").equalsIgnoreCase("VEVENT"));
                    } else {
                        refused.add(key);
                    }
                }
            }
        }
        return new CalendarChange(name, colour, timeZone, vevents, List.copyOf(all), List.copyOf(refused));
    }

    /** @return {@code #rrggbb} of Apple's {@code #RRGGBBAA}; other text as it is (the calendar checks it) */
    private static String colour(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.matches("#[0-9a-f]{8}") ? lower.substring(0, 7) : lower;
    }

    /** @return this change as a PROPPATCH: a calendar's zone and components are not changed that way (403) */
    CalendarChange asPatch() {
        List<QName> patchRefused = new ArrayList<>(refused);
        if (timeZone != null) {
            patchRefused.add(TIME_ZONE);
        }
        if (all.contains(COMPONENTS)) {
            patchRefused.add(COMPONENTS);
        }
        return new CalendarChange(name, colour, null, true, all, List.copyOf(patchRefused));
    }

    /** @return the propstats of a PROPPATCH refused as a whole: 403 for the refused, 424 for the others */
    Map<Integer, List<QName>> failed() {
        Map<Integer, List<QName>> byStatus = new LinkedHashMap<>();
        byStatus.put(403, refused);
        List<QName> others = all.stream().filter(n -> !refused.contains(n)).toList();
        if (!others.isEmpty()) {
            byStatus.put(424, others);
        }
        return byStatus;
    }
}
