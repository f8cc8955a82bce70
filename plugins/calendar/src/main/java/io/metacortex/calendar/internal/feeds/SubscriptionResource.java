package io.metacortex.calendar.internal.feeds;

import io.metacortex.plugin.api.User;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code /api/calendar/subscriptions}: the caller's subscriptions to ICS feeds. Another user's subscription answers
 * 404 like a missing one.
 */
@Path("subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    /** {@code {"items": [...]}}: all of the caller's subscriptions, oldest first. */
    public record Items(List<SubscriptionView> items) {}

    private final FeedSubscriptions subscriptions;

    SubscriptionResource(FeedSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** {@code POST /subscriptions}: 201 with the subscription (its first sync is a job, run at once). */
    @POST
    public Response create(@Context User user, SubscriptionRequest request, @Context UriInfo uriInfo) {
        SubscriptionView created = subscriptions.create(user.id(), user.timeZone(), request);
        return Response.created(uriInfo.getAbsolutePathBuilder()
                        .path(Long.toString(created.id()))
                        .build())
                .entity(created)
                .build();
    }

    @GET
    public Items list(@Context User user) {
        return new Items(subscriptions.list(user.id()));
    }

    @GET
    @Path("{id}")
    public SubscriptionView get(@Context User user, @PathParam("id") String id) {
        return subscriptions.find(user.id(), parseId(id)).orElseThrow(() -> FeedSubscriptions.notFound(id));
    }

    /** {@code PATCH /subscriptions/{id}}: changes the fields given (url, name, colour, refreshMinutes). */
    @PATCH
    @Path("{id}")
    public SubscriptionView update(@Context User user, @PathParam("id") String id, SubscriptionRequest request) {
        return subscriptions.update(user.id(), parseId(id), request).orElseThrow(() -> FeedSubscriptions.notFound(id));
    }

    /** {@code DELETE /subscriptions/{id}}: 204; its calendar, events and job go with it. */
    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id) {
        if (!subscriptions.delete(user.id(), parseId(id))) {
            throw FeedSubscriptions.notFound(id);
        }
    }

    /** {@code POST /subscriptions/{id}/sync}: fetches the feed now; 200 with the subscription's state after it. */
    @POST
    @Path("{id}/sync")
    public SubscriptionView sync(@Context User user, @PathParam("id") String id) {
        return subscriptions.syncNow(user.id(), parseId(id)).orElseThrow(() -> FeedSubscriptions.notFound(id));
    }

    private static long parseId(String id) {
        try {
            long parsed = Long.parseLong(id);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // not an id: no such subscription
        }
        throw FeedSubscriptions.notFound(id);
    }
}
