package io.metacortex.calendar.internal.remote;

import io.metacortex.plugin.api.User;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
 * External CalDAV accounts, under {@code /api/calendar/accounts}: connect, list, the remote calendars, links to local
 * calendars, sync now, conflicts, delete. Another user's account answers 404 like a missing one.
 */
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    /** A list answer. */
    public record Items<T>(List<T> items) {}

    private final AccountService accounts;

    public AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    /** {@code POST /accounts}: 201 with the account; 422 for refused credentials or a host not declared. */
    @POST
    public Response connect(@Context User user, AccountRequest request, @Context UriInfo uriInfo) {
        AccountView account = accounts.connect(user.id(), request);
        return Response.created(uriInfo.getAbsolutePathBuilder()
                        .path(Long.toString(account.id()))
                        .build())
                .entity(account)
                .build();
    }

    @GET
    public Items<AccountView> list(@Context User user) {
        return new Items<>(accounts.list(user.id()));
    }

    @GET
    @Path("{id}")
    public AccountView get(@Context User user, @PathParam("id") String id) {
        return accounts.get(user.id(), parseId(id, RemoteErrors::accountNotFound));
    }

    /** {@code DELETE /accounts/{id}}: 204; its links, secret and sync job go, the local calendars stay. */
    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id) {
        accounts.delete(user.id(), parseId(id, RemoteErrors::accountNotFound));
    }

    /** {@code GET /accounts/{id}/calendars}: the account's calendars as the server lists them now. */
    @GET
    @Path("{id}/calendars")
    public Items<RemoteCalendar> calendars(@Context User user, @PathParam("id") String id) {
        return new Items<>(accounts.remoteCalendars(user.id(), parseId(id, RemoteErrors::accountNotFound)));
    }

    /** {@code POST /accounts/{id}/links}: 201 with the link of a remote calendar to a local (or new) calendar. */
    @POST
    @Path("{id}/links")
    public Response link(@Context User user, @PathParam("id") String id, LinkRequest request) {
        LinkView link = accounts.link(user.id(), user.timeZone(), parseId(id, RemoteErrors::accountNotFound), request);
        return Response.status(201).entity(link).build();
    }

    /** {@code DELETE /accounts/{id}/links/{linkId}}: 204; the local calendar and its events stay. */
    @DELETE
    @Path("{id}/links/{linkId}")
    public void unlink(@Context User user, @PathParam("id") String id, @PathParam("linkId") String linkId) {
        accounts.unlink(
                user.id(), parseId(id, RemoteErrors::accountNotFound), parseId(linkId, RemoteErrors::linkNotFound));
    }

    /** {@code POST /accounts/{id}/sync}: syncs every link now; 200 with what it did. */
    @POST
    @Path("{id}/sync")
    public SyncResult sync(@Context User user, @PathParam("id") String id) {
        return accounts.sync(user.id(), parseId(id, RemoteErrors::accountNotFound));
    }

    /** {@code GET /accounts/{id}/conflicts}: the latest 200 conflicts, newest first. */
    @GET
    @Path("{id}/conflicts")
    public Items<ConflictView> conflicts(@Context User user, @PathParam("id") String id) {
        return new Items<>(accounts.conflicts(user.id(), parseId(id, RemoteErrors::accountNotFound)));
    }

    private static long parseId(String id, java.util.function.Function<String, RuntimeException> notFound) {
        try {
            long parsed = Long.parseLong(id);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // not an id: no such thing
        }
        throw notFound.apply(id);
    }
}
