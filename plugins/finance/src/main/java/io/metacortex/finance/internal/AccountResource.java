package io.metacortex.finance.internal;

import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.PageQuery;
import jakarta.ws.rs.BeanParam;
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

/**
 * {@code /api/finance/accounts}: the caller's accounts; another user's answers 404. Manual accounts are created here;
 * imports and Plaid create theirs.
 */
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountService accounts;

    public AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    /** {@code GET /api/finance/accounts}: in id order, paged ({@code limit}, {@code cursor}). */
    @GET
    public Page<Account> list(@Context User user, @BeanParam PageQuery page) {
        return accounts.list(user.id(), Page.Request.parse(page));
    }

    /** {@code POST /api/finance/accounts}: 201 with Location; 422 naming the fields. */
    @POST
    public Response create(@Context User user, AccountRequest request, @Context UriInfo uri) {
        Account account = accounts.create(user.id(), request);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(account.id()))
                        .build())
                .entity(account)
                .build();
    }

    @GET
    @Path("{id}")
    public Account get(@Context User user, @PathParam("id") String id) {
        return accounts.find(user.id(), parse(id));
    }

    /** {@code PATCH /api/finance/accounts/{id}}: name, kind, balance; the currency cannot change (422). */
    @PATCH
    @Path("{id}")
    public Account update(@Context User user, @PathParam("id") String id, AccountRequest request) {
        return accounts.update(user.id(), parse(id), request);
    }

    /** {@code DELETE /api/finance/accounts/{id}}: 204, with its transactions; 404. */
    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id) {
        accounts.delete(user.id(), parse(id));
    }

    static long parse(String id) {
        return Ids.parse(id, FinanceErrors::accountNotFound);
    }
}
