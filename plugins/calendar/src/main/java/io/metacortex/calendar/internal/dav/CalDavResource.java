package io.metacortex.calendar.internal.dav;

import static io.metacortex.calendar.internal.dav.DavRequestBody.is;
import static io.metacortex.calendar.internal.dav.DavXml.CALDAV;
import static io.metacortex.calendar.internal.dav.DavXml.DAV;

import io.metacortex.calendar.internal.DavCalendar;
import io.metacortex.calendar.internal.DavObject;
import io.metacortex.calendar.internal.DavStore;
import io.metacortex.calendar.internal.EventService;
import io.metacortex.calendar.internal.Preconditions;
import io.metacortex.calendar.internal.RejectedCalendarObject;
import io.metacortex.plugin.api.BasicAuthRoute;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.api.dav.MKCALENDAR;
import io.metacortex.plugin.api.dav.PROPFIND;
import io.metacortex.plugin.api.dav.PROPPATCH;
import io.metacortex.plugin.api.dav.REPORT;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * The CalDAV server (RFC 4791) under {@code /api/calendar/dav/}, on routes accepting HTTP Basic (the user's e-mail
 * and a personal access token): principal discovery, the calendar home, calendars (MKCALENDAR, PROPPATCH of name and
 * colour, DELETE), events as {@code <uid>.ics} (GET, PUT and DELETE with {@code If-Match} and {@code If-None-Match})
 * and the reports in {@link CalendarReports}. Every URL names its user; another user's URL answers 404.
 */
@Path("/dav")
@BasicAuthRoute
public class CalDavResource {

    static final String DAV_HEADER = "1, 3, calendar-access";
    static final String ALLOW = "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, REPORT, MKCALENDAR";
    static final String TEXT_CALENDAR = "text/calendar";

    /** The last segment of a calendar a client creates: not digits alone, which name calendars by id. */
    private static final Pattern SEGMENT = Pattern.compile("(?!\\d+$)[A-Za-z0-9._~@-]{1,200}");

    private static final Pattern TZID = Pattern.compile("(?m)^TZID[^:]*:(.+?)\\r?$");

    private final DavStore store;
    private final CalendarReports reports;

    public CalDavResource(DavStore store) {
        this.store = store;
        this.reports = new CalendarReports(store);
    }

    /** @return what answers the DAV:error responses of these routes; registered beside them */
    public static ExceptionMapper<? extends RuntimeException> exceptionMapper() {
        return new DavException.Mapper();
    }

    @OPTIONS
    @Path("{path: .*}")
    public Response options() {
        return Response.ok().header("DAV", DAV_HEADER).header("Allow", ALLOW).build();
    }

    /** {@code PROPFIND}: 207 with the properties asked for of the resource and, at {@code Depth: 1}, its members. */
    @PROPFIND
    @Path("{path: .*}")
    public Response propfind(
            @Context User user,
            @Context UriInfo uri,
            @PathParam("path") String path,
            @HeaderParam("Depth") String depth,
            String body) {
        Optional<List<QName>> requested = DavRequestBody.parse(body)
                .map(request -> {
                    if (!is(request.root(), DAV, "propfind")) {
                        throw DavRequestBody.malformed("a PROPFIND body is a DAV:propfind element");
                    }
                    return DavRequestBody.requestedProperties(request.root());
                })
                .orElse(Optional.empty());
        boolean members = depth == null || !depth.strip().equals("0");
        String root = davRoot(uri);
        DavProperties properties = new DavProperties(root, user);
        DavPath target = DavPath.parse(path);
        DavXml xml = DavXml.multistatus();
        switch (target.kind()) {
            case ROOT -> add(xml, root, DavProperties.answer(properties.root(), requested));
            case PRINCIPAL ->
                add(
                        xml,
                        DavPath.principal(root, own(user, target)),
                        DavProperties.answer(properties.principal(), requested));
            case HOME -> {
                add(xml, DavPath.home(root, own(user, target)), DavProperties.answer(properties.home(), requested));
                if (members) {
                    for (DavCalendar calendar : store.calendars(user.id())) {
                        add(
                                xml,
                                DavPath.calendar(root, user.id(), calendar.segment()),
                                DavProperties.answer(properties.calendar(calendar), requested));
                    }
                }
            }
            case CALENDAR -> {
                DavCalendar calendar = calendar(user, target);
                add(
                        xml,
                        DavPath.calendar(root, user.id(), calendar.segment()),
                        DavProperties.answer(properties.calendar(calendar), requested));
                if (members) {
                    for (DavObject object : store.objects(user.id(), calendar.id(), null)) {
                        add(
                                xml,
                                DavPath.object(root, user.id(), calendar.segment(), object.uid()),
                                DavProperties.answer(properties.object(object), requested));
                    }
                }
            }
            case OBJECT -> {
                DavCalendar calendar = calendar(user, target);
                DavObject object = object(user, calendar, target.uid());
                add(
                        xml,
                        DavPath.object(root, user.id(), calendar.segment(), object.uid()),
                        DavProperties.answer(properties.object(object), requested));
            }
            default -> throw DavResponses.notFound("resource");
        }
        return DavResponses.multistatus(xml);
    }

    /**
     * {@code PROPPATCH} of a calendar: sets its {@code DAV:displayname} and Apple {@code calendar-color}; any other
     * property is refused (403) and then nothing changes (the others 424), as RFC 4918 9.2 wants.
     */
    @PROPPATCH
    @Path("{path: .*}")
    public Response proppatch(@Context User user, @Context UriInfo uri, @PathParam("path") String path, String body) {
        Element update = DavRequestBody.parse(body)
                .map(DavRequestBody::root)
                .filter(root -> is(root, DAV, "propertyupdate"))
                .orElseThrow(() -> DavRequestBody.malformed("a PROPPATCH body is a DAV:propertyupdate element"));
        DavPath target = DavPath.parse(path);
        if (target.kind() != DavPath.Kind.CALENDAR) {
            if (target.kind() == DavPath.Kind.UNKNOWN) {
                throw DavResponses.notFound("resource");
            }
            own(user, target);
        }
        CalendarChange change = CalendarChange.read(update).asPatch();
        String href = uri.getRequestUri().getRawPath();
        if (target.kind() != DavPath.Kind.CALENDAR) {
            return DavResponses.multistatus(DavXml.multistatus().response(href, Map.of(403, change.all())));
        }
        DavCalendar calendar = calendar(user, target);
        if (!change.refused().isEmpty()) {
            return DavResponses.multistatus(DavXml.multistatus().response(href, change.failed()));
        }
        if (change.name() != null || change.colour() != null) {
            store.update(user.id(), user.timeZone(), calendar, change.name(), change.colour());
        }
        return DavResponses.multistatus(DavXml.multistatus().response(href, Map.of(200, change.all())));
    }

    /**
     * {@code MKCALENDAR} at {@code calendars/<you>/<name>/}: 201, with the body's displayname, calendar-color and the
     * TZID of its calendar-timezone; 405 when the URL is taken, 403 for a name of digits only or a calendar that would
     * not hold VEVENTs.
     */
    @MKCALENDAR
    @Path("{path: .*}")
    public Response mkcalendar(@Context User user, @PathParam("path") String path, String body) {
        DavPath target = DavPath.parse(path);
        if (target.kind() != DavPath.Kind.CALENDAR) {
            throw DavResponses.error(
                    403, DAV, "resource-must-be-null", "a calendar is made at calendars/<you>/<name>/");
        }
        own(user, target);
        if (!SEGMENT.matcher(target.calendar()).matches()) {
            throw DavResponses.error(
                    403,
                    DAV,
                    "resource-must-be-null",
                    "a calendar's name in its URL is 1 to 200 letters, digits and . _ ~ @ - (not digits alone)");
        }
        if (store.calendar(user.id(), target.calendar()).isPresent()) {
            throw DavResponses.error(405, DAV, "resource-must-be-null", "there is a calendar at this URL already");
        }
        CalendarChange change = DavRequestBody.parse(body)
                .map(DavRequestBody::root)
                .map(root -> {
                    if (!is(root, CALDAV, "mkcalendar")) {
                        throw DavRequestBody.malformed("a MKCALENDAR body is a CALDAV:mkcalendar element");
                    }
                    return CalendarChange.read(root);
                })
                .orElse(CalendarChange.NONE);
        if (!change.vevents()) {
            throw DavResponses.error(
                    403, CALDAV, "supported-calendar-component", "calendars here hold events (VEVENT) only");
        }
        String zone = null;
        if (change.timeZone() != null) {
            Matcher tzid = TZID.matcher(change.timeZone());
            zone = tzid.find() ? tzid.group(1).strip() : null;
        }
        store.create(
                user.id(),
                user.timeZone(),
                target.calendar(),
                change.name() == null ? target.calendar() : change.name(),
                change.colour(),
                zone);
        return Response.status(201).build();
    }

    /** {@code REPORT} on a calendar: calendar-query, calendar-multiget, sync-collection (see {@link CalendarReports}). */
    @REPORT
    @Path("{path: .*}")
    public Response report(@Context User user, @Context UriInfo uri, @PathParam("path") String path, String body) {
        Element root = DavRequestBody.parse(body)
                .map(DavRequestBody::root)
                .orElseThrow(() -> DavRequestBody.malformed("a REPORT needs a body"));
        DavPath target = DavPath.parse(path);
        if (target.kind() != DavPath.Kind.CALENDAR) {
            if (target.kind() != DavPath.Kind.UNKNOWN) {
                own(user, target);
            }
            if (target.kind() == DavPath.Kind.OBJECT) {
                calendar(user, target);
            }
            throw DavResponses.error(403, DAV, "supported-report", "reports are answered on a calendar");
        }
        DavCalendar calendar = calendar(user, target);
        return DavResponses.multistatus(
                reports.answer(new DavProperties(davRoot(uri), user), davRoot(uri), user, calendar, root));
    }

    /** {@code GET} of an event: its VCALENDAR, with its {@code ETag}. */
    @GET
    @Path("{path: .*}")
    public Response get(@Context User user, @PathParam("path") String path) {
        DavPath target = DavPath.parse(path);
        if (target.kind() != DavPath.Kind.OBJECT) {
            if (target.kind() == DavPath.Kind.CALENDAR) {
                calendar(user, target);
            } else if (target.kind() != DavPath.Kind.UNKNOWN && target.kind() != DavPath.Kind.ROOT) {
                own(user, target);
            }
            if (target.kind() == DavPath.Kind.UNKNOWN) {
                throw DavResponses.notFound("resource");
            }
            return Response.status(405)
                    .header("Allow", "OPTIONS, PROPFIND, PROPPATCH, REPORT, MKCALENDAR, DELETE")
                    .build();
        }
        DavObject object = object(user, calendar(user, target), target.uid());
        return Response.ok(DavStore.calendarData(object), TEXT_CALENDAR + "; charset=utf-8")
                .header("ETag", DavProperties.etag(object.etag()))
                .build();
    }

    /**
     * {@code PUT} of an event at {@code <uid>.ics}: 201 created, 204 replaced, with the new {@code ETag}; 412 when
     * {@code If-Match} or {@code If-None-Match} fails; 403 with the CALDAV precondition for text that is not one
     * VCALENDAR of VEVENTs of that UID (nothing stored).
     */
    @PUT
    @Path("{path: .*}")
    public Response put(
            @Context User user,
            @PathParam("path") String path,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("If-None-Match") String ifNoneMatch,
            String body) {
        DavPath target = DavPath.parse(path);
        if (target.kind() != DavPath.Kind.OBJECT) {
            throw DavResponses.error(
                    403, CALDAV, "calendar-collection-location-ok", "events are PUT as <uid>.ics in a calendar");
        }
        DavCalendar calendar = calendar(user, target);
        if (contentType != null && !contentType.strip().toLowerCase(Locale.ROOT).startsWith(TEXT_CALENDAR)) {
            throw DavResponses.error(403, CALDAV, "supported-calendar-data", "an event is text/calendar");
        }
        try {
            EventService.Written written =
                    store.put(user.id(), calendar.id(), target.uid(), body, new Preconditions(ifMatch, ifNoneMatch));
            return Response.status(written.created() ? 201 : 204)
                    .header("ETag", DavProperties.etag(written.etag()))
                    .build();
        } catch (RejectedCalendarObject e) {
            throw DavResponses.error(403, CALDAV, e.precondition(), e.getMessage());
        }
    }

    /** {@code DELETE} of an event (with {@code If-Match}: 412 when it fails) or of a whole calendar: 204. */
    @DELETE
    @Path("{path: .*}")
    public Response delete(
            @Context User user, @PathParam("path") String path, @HeaderParam("If-Match") String ifMatch) {
        DavPath target = DavPath.parse(path);
        switch (target.kind()) {
            case OBJECT ->
                store.delete(user.id(), calendar(user, target).id(), target.uid(), new Preconditions(ifMatch, null));
            case CALENDAR -> store.delete(user.id(), calendar(user, target).id());
            case UNKNOWN -> throw DavResponses.notFound("resource");
            default -> {
                own(user, target);
                throw DavResponses.error(403, DAV, "need-privileges", "only calendars and events can be deleted");
            }
        }
        return Response.noContent().build();
    }

    /** @return the path of the DAV root, e.g. {@code /api/calendar/dav/} */
    static String davRoot(UriInfo uri) {
        return uri.getBaseUri().getRawPath() + "dav/";
    }

    private static void add(DavXml xml, String href, DavProperties.Answer answer) {
        xml.response(href, answer.found(), answer.missing());
    }

    /** @return the caller's id, when the path is theirs; another user's URL is 404 as a missing one */
    private static UUID own(User user, DavPath path) {
        if (!user.id().equals(path.user())) {
            throw DavResponses.notFound("resource");
        }
        return path.user();
    }

    private DavCalendar calendar(User user, DavPath path) {
        own(user, path);
        return store.calendar(user.id(), path.calendar()).orElseThrow(() -> DavResponses.notFound("calendar"));
    }

    private DavObject object(User user, DavCalendar calendar, String uid) {
        return store.object(user.id(), calendar.id(), uid).orElseThrow(() -> DavResponses.notFound("event"));
    }
}
