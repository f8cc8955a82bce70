package io.metacortex.host.admin;

import io.metacortex.host.audit.Audited;
import io.metacortex.host.events.EventAdmin;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Durable events: each subscriber's backlog, the parked events, and retrying or deleting a parked one. */
@AdminOnly
@Path("/admin/events")
@Produces(MediaType.APPLICATION_JSON)
public final class EventAdminResource {

    private static final int MAX_LIMIT = 500;

    private final EventAdmin events;

    public EventAdminResource(EventAdmin events) {
        this.events = events;
    }

    /** The subscribers' backlogs. */
    public record Subscribers(List<EventAdmin.SubscriberView> items) {}

    /** Parked events, oldest first. */
    public record Parked(List<EventAdmin.ParkedView> items) {}

    @GET
    @Path("subscribers")
    @Operation(
            summary = "Per subscriber and publisher's event type: the backlog, the oldest undelivered event and the"
                    + " parked events")
    public Subscribers subscribers() {
        return new Subscribers(events.subscribers());
    }

    @GET
    @Path("parked")
    @Operation(summary = "Events parked for a subscriber after their last attempt failed, oldest first")
    public Parked parked(
            @Parameter(description = "Only this subscriber's") @QueryParam("subscriber") String subscriber,
            @Parameter(
                            description = "At most this many",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "" + MAX_LIMIT))
                    @QueryParam("limit")
                    @DefaultValue("100")
                    String limit) {
        int size = (int) QueryNumbers.wholeNumber("limit", limit, 1, MAX_LIMIT);
        return new Parked(events.parked(subscriber, size));
    }

    @Audited("event.retry")
    @POST
    @Path("parked/{subscriber}/{eventId}/retry")
    @Operation(
            summary = "Delivers a parked event again, at its turn, its attempts counted from zero",
            responses = @ApiResponse(responseCode = "204", description = "Pending again"))
    public Response retry(@PathParam("subscriber") String subscriber, @PathParam("eventId") String eventId) {
        events.retry(subscriber, QueryNumbers.wholeNumber("eventId", eventId, 1, Long.MAX_VALUE));
        return Response.noContent().build();
    }

    @Audited("event.delete")
    @DELETE
    @Path("parked/{subscriber}/{eventId}")
    @Operation(
            summary = "Deletes a parked event's delivery to the subscriber: it is never delivered to it",
            responses = @ApiResponse(responseCode = "204", description = "Deleted"))
    public Response delete(@PathParam("subscriber") String subscriber, @PathParam("eventId") String eventId) {
        events.delete(subscriber, QueryNumbers.wholeNumber("eventId", eventId, 1, Long.MAX_VALUE));
        return Response.noContent().build();
    }
}
