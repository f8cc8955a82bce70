package io.metacortex.calendar.internal.dav;

import static io.metacortex.calendar.internal.dav.DavXml.APPLE;
import static io.metacortex.calendar.internal.dav.DavXml.CALDAV;
import static io.metacortex.calendar.internal.dav.DavXml.CALENDAR_SERVER;
import static io.metacortex.calendar.internal.dav.DavXml.DAV;
import static io.metacortex.calendar.internal.dav.DavXml.element;
import static io.metacortex.calendar.internal.dav.DavXml.escape;
import static io.metacortex.calendar.internal.dav.DavXml.href;

import io.metacortex.calendar.internal.DavCalendar;
import io.metacortex.calendar.internal.DavObject;
import io.metacortex.calendar.internal.DavStore;
import io.metacortex.plugin.api.User;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.xml.namespace.QName;

/** The properties of each kind of resource, for one user, as PROPFIND and REPORT answer them. */
final class DavProperties {

    static final QName CALENDAR_DATA = new QName(CALDAV, "calendar-data");
    static final QName DISPLAY_NAME = new QName(DAV, "displayname");
    static final QName CALENDAR_COLOR = new QName(APPLE, "calendar-color");
    static final QName GETETAG = new QName(DAV, "getetag");

    private static final String PRIVILEGES = privileges(
            "read", "write", "write-properties", "write-content", "bind", "unbind", "read-current-user-privilege-set");

    private final String davRoot;
    private final User user;

    /** @param davRoot the path of the DAV root, ending in {@code /} */
    DavProperties(String davRoot, User user) {
        this.davRoot = davRoot;
        this.user = user;
    }

    /** The properties found and those asked for but missing, as one response lists them. */
    record Answer(Map<QName, String> found, List<QName> missing) {}

    /**
     * @param requested the names asked for; empty for all (allprop, or a PROPFIND without a body), which leaves out
     *     calendar-data as RFC 4791 wants
     */
    static Answer answer(Map<QName, Supplier<String>> available, Optional<List<QName>> requested) {
        Map<QName, String> found = new LinkedHashMap<>();
        List<QName> missing = new ArrayList<>();
        if (requested.isEmpty()) {
            available.forEach((name, value) -> {
                if (!name.equals(CALENDAR_DATA)) {
                    found.put(name, value.get());
                }
            });
        } else {
            for (QName name : requested.get()) {
                Supplier<String> value = available.get(name);
                if (value == null) {
                    missing.add(name);
                } else {
                    found.put(name, value.get());
                }
            }
        }
        return new Answer(found, missing);
    }

    Map<QName, Supplier<String>> root() {
        Map<QName, Supplier<String>> properties = common();
        properties.put(new QName(DAV, "resourcetype"), () -> element(DAV, "collection", ""));
        properties.put(DISPLAY_NAME, () -> "MetaCortex");
        return properties;
    }

    Map<QName, Supplier<String>> principal() {
        Map<QName, Supplier<String>> properties = common();
        properties.put(
                new QName(DAV, "resourcetype"), () -> element(DAV, "collection", "") + element(DAV, "principal", ""));
        properties.put(DISPLAY_NAME, () -> escape(user.displayName()));
        properties.put(
                new QName(CALDAV, "calendar-user-address-set"),
                () -> user.email() == null ? "" : href("mailto:" + user.email()) + href(principalPath()));
        return properties;
    }

    Map<QName, Supplier<String>> home() {
        Map<QName, Supplier<String>> properties = common();
        properties.put(new QName(DAV, "resourcetype"), () -> element(DAV, "collection", ""));
        properties.put(DISPLAY_NAME, () -> "Calendars");
        return properties;
    }

    Map<QName, Supplier<String>> calendar(DavCalendar calendar) {
        Map<QName, Supplier<String>> properties = common();
        properties.put(
                new QName(DAV, "resourcetype"), () -> element(DAV, "collection", "") + element(CALDAV, "calendar", ""));
        properties.put(DISPLAY_NAME, () -> escape(calendar.calendar().name()));
        properties.put(CALENDAR_COLOR, () -> calendar.calendar().colour());
        properties.put(
                new QName(CALDAV, "calendar-timezone"),
                () -> escape(DavStore.timeZoneCalendar(calendar.calendar().timeZone())));
        properties.put(new QName(CALDAV, "supported-calendar-component-set"), () -> "<c:comp name=\"VEVENT\"/>");
        properties.put(
                new QName(CALDAV, "supported-calendar-data"),
                () -> "<c:calendar-data content-type=\"text/calendar\" version=\"2.0\"/>");
        properties.put(
                new QName(CALENDAR_SERVER, "getctag"),
                () -> Long.toString(calendar.calendar().syncToken()));
        properties.put(
                new QName(DAV, "sync-token"),
                () -> escape(SyncToken.of(calendar.id(), calendar.calendar().syncToken())));
        properties.put(
                new QName(DAV, "supported-report-set"),
                () -> report(CALDAV, "calendar-query")
                        + report(CALDAV, "calendar-multiget")
                        + report(DAV, "sync-collection"));
        properties.put(new QName(DAV, "owner"), () -> href(principalPath()));
        return properties;
    }

    Map<QName, Supplier<String>> object(DavObject object) {
        Map<QName, Supplier<String>> properties = new LinkedHashMap<>();
        properties.put(new QName(DAV, "resourcetype"), () -> "");
        properties.put(GETETAG, () -> escape(etag(object.etag())));
        properties.put(new QName(DAV, "getcontenttype"), () -> "text/calendar; charset=utf-8; component=vevent");
        properties.put(
                new QName(DAV, "getlastmodified"),
                () -> DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        object.lastModified().atOffset(ZoneOffset.UTC)));
        properties.put(CALENDAR_DATA, () -> escape(DavStore.calendarData(object)));
        return properties;
    }

    static String etag(String etag) {
        return '"' + etag + '"';
    }

    private Map<QName, Supplier<String>> common() {
        Map<QName, Supplier<String>> properties = new LinkedHashMap<>();
        properties.put(new QName(DAV, "current-user-principal"), () -> href(principalPath()));
        properties.put(new QName(DAV, "principal-URL"), () -> href(principalPath()));
        properties.put(new QName(CALDAV, "calendar-home-set"), () -> href(DavPath.home(davRoot, user.id())));
        properties.put(new QName(DAV, "current-user-privilege-set"), () -> PRIVILEGES);
        return properties;
    }

    private String principalPath() {
        return DavPath.principal(davRoot, user.id());
    }

    private static String report(String namespace, String name) {
        return "<d:supported-report><d:report>" + element(namespace, name, "") + "</d:report></d:supported-report>";
    }

    private static String privileges(String... names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            out.append("<d:privilege>").append(element(DAV, name, "")).append("</d:privilege>");
        }
        return out.toString();
    }
}
