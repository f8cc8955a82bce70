package io.metacortex.calendar.internal;

import io.metacortex.plugin.api.User;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/calendar/events?from=&to=}: the instances of all the caller's calendars in a range. */
@Path("events")
@Produces(MediaType.APPLICATION_JSON)
public class AgendaResource {

    private final EventService events;

    public AgendaResource(EventService events) {
        this.events = events;
    }

    @GET
    public Page<InstanceView> instances(
            @Context User user, @QueryParam("from") String from, @QueryParam("to") String to) {
        return new Page<>(events.instances(user.id(), null, from, to), null);
    }
}
