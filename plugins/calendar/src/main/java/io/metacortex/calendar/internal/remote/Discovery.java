package io.metacortex.calendar.internal.remote;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * Finds an account's calendars as RFC 4791 and 5397 describe it: the {@code current-user-principal} of the URL the
 * user gave, the principal's {@code calendar-home-set}, and the calendar collections in it.
 */
final class Discovery {

    /** Where the account's calendars are. */
    record Found(URI principal, URI home) {}

    private Discovery() {}

    /** @throws DavException.Unauthorized when the server refuses the credentials */
    static Found discover(DavClient dav, URI url) {
        URI principal = dav.propfind(url, 0, DavXml.PRINCIPAL).members().stream()
                .flatMap(m -> m.hrefIn(DavXml.DAV, "current-user-principal", url).stream())
                .findFirst()
                .orElseThrow(() -> new DavException(
                        "the CalDAV server at " + url.getHost() + " named no current-user-principal for this URL"));
        URI home = dav.propfind(principal, 0, DavXml.HOME_SET).members().stream()
                .flatMap(m -> m.hrefIn(DavXml.CALDAV, "calendar-home-set", principal).stream())
                .findFirst()
                .orElseThrow(() -> new DavException(
                        "the CalDAV server at " + url.getHost() + " named no calendar-home-set for the principal"));
        return new Found(principal, home);
    }

    /** @return the calendar collections of the home that may hold events */
    static List<RemoteCalendar> calendars(DavClient dav, URI home) {
        List<RemoteCalendar> calendars = new ArrayList<>();
        for (Multistatus.Member m : dav.propfind(home, 1, DavXml.CALENDARS).members()) {
            boolean calendar = m.prop(DavXml.DAV, "resourcetype")
                    .map(r -> !DavXml.children(r, DavXml.CALDAV, "calendar").isEmpty())
                    .orElse(false);
            if (!calendar || !holdsEvents(m)) {
                continue;
            }
            calendars.add(new RemoteCalendar(
                    m.href().toString(),
                    m.text(DavXml.DAV, "displayname").orElse(null),
                    m.text(DavXml.DAV, "sync-token").isPresent(),
                    null));
        }
        return calendars;
    }

    private static boolean holdsEvents(Multistatus.Member m) {
        return m.prop(DavXml.CALDAV, "supported-calendar-component-set")
                .map(set -> {
                    List<Element> comps = DavXml.children(set, DavXml.CALDAV, "comp");
                    return comps.isEmpty() || comps.stream().anyMatch(c -> "VEVENT".equals(c.getAttribute("name")));
                })
                .orElse(true);
    }
}
