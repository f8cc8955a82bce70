package io.metacortex.calendar.internal;

import io.metacortex.plugin.api.User;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * The event routes of one calendar, under {@code /api/calendar/calendars/{calendarId}/events}: events by UID, their
 * instances in a range, and edits of one instance or of "this and following". Another user's calendar answers 404.
 */
@Path("calendars/{calendarId}/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventResource {

    private final EventService events;

    public EventResource(EventService events) {
        this.events = events;
    }

    /** {@code GET ...?from=&to=}: the instances in [from, to) by start, each flagged when it overlaps another. */
    @GET
    public Page<InstanceView> instances(
            @Context User user,
            @PathParam("calendarId") String calendarId,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return new Page<>(events.instances(user.id(), CalendarResource.parseId(calendarId), from, to), null);
    }

    /** {@code POST ...}: 201 with the event; 409 for a UID the calendar has; 422 naming invalid fields. */
    @POST
    public Response create(
            @Context User user,
            @PathParam("calendarId") String calendarId,
            EventRequest request,
            @Context UriInfo uriInfo) {
        long calendar = CalendarResource.parseId(calendarId);
        EventView event = events.create(
                user.id(),
                calendar,
                request == null ? null : request.uid(),
                EventRequestValidator.validate(request, false));
        URI location = uriInfo.getAbsolutePathBuilder().path(event.uid()).build();
        return Response.created(location).entity(event).build();
    }

    @GET
    @Path("{uid}")
    public EventView get(@Context User user, @PathParam("calendarId") String calendarId, @PathParam("uid") String uid) {
        return events.get(user.id(), CalendarResource.parseId(calendarId), uid);
    }

    /**
     * {@code PUT .../{uid}}: replaces the whole series (its edited instances are kept); 412 when {@code If-Match}
     * names another ETag than the event's.
     */
    @PUT
    @Path("{uid}")
    public EventView replace(
            @Context User user,
            @PathParam("calendarId") String calendarId,
            @PathParam("uid") String uid,
            @HeaderParam(IfMatch.HEADER) String ifMatch,
            EventRequest request) {
        long calendar = CalendarResource.parseId(calendarId);
        return events.replace(user.id(), calendar, uid, ifMatch, EventRequestValidator.validate(request, false));
    }

    /** As {@link #replace(User, String, String, String, EventRequest)} without {@code If-Match}. */
    public EventView replace(User user, String calendarId, String uid, EventRequest request) {
        return replace(user, calendarId, uid, null, request);
    }

    /** {@code DELETE .../{uid}}: 204; the whole series goes; 412 for a stale {@code If-Match}. */
    @DELETE
    @Path("{uid}")
    public void delete(
            @Context User user,
            @PathParam("calendarId") String calendarId,
            @PathParam("uid") String uid,
            @HeaderParam(IfMatch.HEADER) String ifMatch) {
        events.delete(user.id(), CalendarResource.parseId(calendarId), uid, ifMatch);
    }

    /** As {@link #delete(User, String, String, String)} without {@code If-Match}. */
    public void delete(User user, String calendarId, String uid) {
        delete(user, calendarId, uid, null);
    }

    /** {@code PUT .../{uid}/instances/{recurrenceId}}: edits one instance (no recurrence fields). */
    @PUT
    @Path("{uid}/instances/{recurrenceId}")
    public EventView editInstance(
            @Context User user,
            @PathParam("calendarId") String calendarId,
            @PathParam("uid") String uid,
            @PathParam("recurrenceId") String recurrenceId,
            @HeaderParam(IfMatch.HEADER) String ifMatch,
            EventRequest request) {
        long calendar = CalendarResource.parseId(calendarId);
        return events.editInstance(
                user.id(), calendar, uid, recurrenceId, ifMatch, EventRequestValidator.validate(request, true));
    }

    /** As {@link #editInstance(User, String, String, String, String, EventRequest)} without {@code If-Match}. */
    public EventView editInstance(User user, String calendarId, String uid, String recurrenceId, EventRequest request) {
        return editInstance(user, calendarId, uid, recurrenceId, null, request);
    }

    /** {@code DELETE .../{uid}/instances/{recurrenceId}}: leaves the instance out (EXDATE); 200 with the series. */
    @DELETE
    @Path("{uid}/instances/{recurrenceId}")
    public EventView deleteInstance(
            @Context User user,
            @PathParam("calendarId") String calendarId,
            @PathParam("uid") String uid,
            @PathParam("recurrenceId") String recurrenceId,
            @HeaderParam(IfMatch.HEADER) String ifMatch) {
        return events.deleteInstance(user.id(), CalendarResource.parseId(calendarId), uid, recurrenceId, ifMatch);
    }

    /** As {@link #deleteInstance(User, String, String, String, String)} without {@code If-Match}. */
    public EventView deleteInstance(User user, String calendarId, String uid, String recurrenceId) {
        return deleteInstance(user, calendarId, uid, recurrenceId, null);
    }

    /**
     * {@code PUT .../{uid}/instances/{recurrenceId}/following}: "this and following": the series ends before the
     * instance and a new series (a new UID) with the body's fields starts there; 200 with the new series.
     */
    @PUT
    @Path("{uid}/instances/{recurrenceId}/following")
    public EventView editFollowing(
            @Context User user,
            @PathParam("calendarId") String calendarId,
            @PathParam("uid") String uid,
            @PathParam("recurrenceId") String recurrenceId,
            @HeaderParam(IfMatch.HEADER) String ifMatch,
            EventRequest request) {
        long calendar = CalendarResource.parseId(calendarId);
        return events.editFollowing(
                user.id(), calendar, uid, recurrenceId, ifMatch, EventRequestValidator.validate(request, false));
    }

    /** As {@link #editFollowing(User, String, String, String, String, EventRequest)} without {@code If-Match}. */
    public EventView editFollowing(
            User user, String calendarId, String uid, String recurrenceId, EventRequest request) {
        return editFollowing(user, calendarId, uid, recurrenceId, null, request);
    }
}
