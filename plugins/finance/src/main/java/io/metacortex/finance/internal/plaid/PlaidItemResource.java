package io.metacortex.finance.internal.plaid;

import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.ApiException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Plaid items of a user under {@code /api/finance/items}: link, list, get, remove, sync on demand. Each acts for the caller on the caller's own items; another user's item answers 404 like a
 * missing one. Without Plaid settings every route answers 503.
 */
@Path("items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlaidItemResource {

    private final Optional<PlaidItems> items;

    PlaidItemResource(Optional<PlaidItems> items) {
        this.items = items;
    }

    /**
     * {@code POST /api/finance/items} with {@code {"publicToken": ...}}: 201 with the item; 422 naming {@code
     * publicToken} when it is missing or Plaid refuses it.
     */
    @POST
    @ApiResponse(
            responseCode = "201",
            description = "Linked: the item and how many accounts it brought",
            content = @Content(schema = @Schema(implementation = PlaidItems.LinkedItem.class)))
    public Response link(@Context User user, LinkRequest request) {
        if (request == null) {
            throw ApiException.missingBody("publicToken, the public_token Plaid Link gave");
        }
        PlaidItems.LinkedItem linked = items().link(user.id(), request.publicToken(), request.institutionName());
        return Response.status(201).entity(linked).build();
    }

    /** {@code GET /api/finance/items}: the caller's items, oldest first, with status and last sync. */
    @GET
    public List<ItemView> list(@Context User user) {
        return items().list(user.id());
    }

    @GET
    @Path("{id}")
    public ItemView get(@Context User user, @PathParam("id") String id) {
        return items().get(user.id(), parseId(id));
    }

    /** {@code POST /api/finance/items/{id}/sync}: 202, a sync job is waiting; 409 when the bank login must be renewed. */
    @POST
    @Path("{id}/sync")
    @ApiResponse(
            responseCode = "202",
            description = "A sync is scheduled: the item",
            content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Response sync(@Context User user, @PathParam("id") String id) {
        return Response.accepted(items().syncNow(user.id(), parseId(id))).build();
    }

    /**
     * {@code POST /api/finance/items/{id}/link-token}: a Link token in update mode, for a user whose bank login must be
     * renewed ({@code needsReauth}).
     */
    @POST
    @Path("{id}/link-token")
    public Map<String, String> updateLinkToken(@Context User user, @PathParam("id") String id) {
        return items().updateLinkToken(user.id(), parseId(id));
    }

    /** {@code DELETE /api/finance/items/{id}}: 204; the item is removed at Plaid; its accounts and transactions stay. */
    @DELETE
    @Path("{id}")
    @ApiResponse(responseCode = "204", description = "Removed")
    public Response remove(@Context User user, @PathParam("id") String id) {
        items().remove(user.id(), parseId(id));
        return Response.noContent().build();
    }

    private PlaidItems items() {
        return items.orElseThrow(PlaidErrors::notConfigured);
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw PlaidErrors.itemNotFound(id);
        }
    }
}
