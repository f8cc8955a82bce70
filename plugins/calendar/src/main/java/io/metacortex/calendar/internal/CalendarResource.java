package io.metacortex.calendar.internal;

import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.PageQuery;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * The calendar routes, under {@code /api/calendar/calendars}: the caller's calendars, and ICS import and export.
 * Another user's calendar answers 404 like a missing one.
 */
@Path("calendars")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CalendarResource {

    static final String TEXT_CALENDAR = "text/calendar";

    private final CalendarService calendars;
    private final IcsTransfer ics;

    public CalendarResource(CalendarService calendars, IcsTransfer ics) {
        this.calendars = calendars;
        this.ics = ics;
    }

    /** {@code POST /calendars}: 201 with the calendar; 422 naming invalid fields. */
    @POST
    public Response create(@Context User user, CalendarRequest request, @Context UriInfo uriInfo) {
        CalendarView calendar = calendars.create(user.id(), user.timeZone(), request);
        URI location = uriInfo.getAbsolutePathBuilder()
                .path(Long.toString(calendar.id()))
                .build();
        return Response.created(location).entity(calendar).build();
    }

    /** {@code GET /calendars}: {@code {"items": [...], "nextCursor": ...}}, paged by {@code limit} and {@code cursor}. */
    @GET
    public Page<CalendarView> list(@Context User user, @BeanParam PageQuery page) {
        return calendars.list(user.id(), page);
    }

    @GET
    @Path("{id}")
    public CalendarView get(@Context User user, @PathParam("id") String id) {
        return calendars.find(user.id(), parseId(id)).orElseThrow(() -> CalendarErrors.calendarNotFound(id));
    }

    /**
     * {@code PUT /calendars/{id}}: replaces name, colour and time zone; 412 when {@code If-Match} is not the calendar's
     * ETag (its sync token).
     */
    @PUT
    @Path("{id}")
    public CalendarView replace(
            @Context User user,
            @PathParam("id") String id,
            @HeaderParam(IfMatch.HEADER) String ifMatch,
            CalendarRequest request) {
        long calendarId = parseId(id);
        return calendars
                .replace(user.id(), user.timeZone(), calendarId, ifMatch, request)
                .orElseThrow(() -> CalendarErrors.calendarNotFound(id));
    }

    /** As {@link #replace(User, String, String, CalendarRequest)} without {@code If-Match}. */
    public CalendarView replace(User user, String id, CalendarRequest request) {
        return replace(user, id, null, request);
    }

    /** {@code DELETE /calendars/{id}}: 204, with its events and their reminders; 412 for a stale {@code If-Match}. */
    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id, @HeaderParam(IfMatch.HEADER) String ifMatch) {
        if (!calendars.delete(user.id(), parseId(id), ifMatch)) {
            throw CalendarErrors.calendarNotFound(id);
        }
    }

    /** As {@link #delete(User, String, String)} without {@code If-Match}. */
    public void delete(User user, String id) {
        delete(user, id, null);
    }

    /** {@code GET /calendars/{id}/ics}: the whole calendar as iCalendar text. */
    @GET
    @Path("{id}/ics")
    @Produces(TEXT_CALENDAR)
    public Response export(@Context User user, @PathParam("id") String id) {
        return Response.ok(ics.export(user.id(), parseId(id)), TEXT_CALENDAR + "; charset=utf-8")
                .build();
    }

    /**
     * {@code POST /calendars/{id}/ics} with a {@code text/calendar} body: stores each UID of the file (replacing an
     * existing one), all or nothing; 422 naming the line of malformed iCalendar.
     */
    @POST
    @Path("{id}/ics")
    @Consumes({TEXT_CALENDAR, MediaType.TEXT_PLAIN})
    public IcsTransfer.ImportResult importIcs(@Context User user, @PathParam("id") String id, String body) {
        return ics.importIcs(user.id(), parseId(id), body);
    }

    static long parseId(String id) {
        try {
            long parsed = Long.parseLong(id);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // not an id: no such calendar
        }
        throw CalendarErrors.calendarNotFound(id);
    }
}
