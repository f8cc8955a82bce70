package io.metacortex.finance.internal;

import io.metacortex.plugin.api.User;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/finance/transactions}: the caller's transactions; another user's answers 404. */
@Path("transactions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TransactionResource {

    private final TransactionService transactions;

    public TransactionResource(TransactionService transactions) {
        this.transactions = transactions;
    }

    /** {@code GET /api/finance/transactions?accountId=&from=&to=&categoryId=&limit=&cursor=}: newest first. */
    @GET
    public Page<Transaction> list(
            @Context User user,
            @QueryParam("accountId") String accountId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("categoryId") String categoryId,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return transactions.list(user.id(), TransactionQuery.parse(accountId, from, to, categoryId, limit, cursor));
    }

    @GET
    @Path("{id}")
    public Transaction get(@Context User user, @PathParam("id") String id) {
        return transactions.find(user.id(), parse(id));
    }

    /** {@code PATCH /api/finance/transactions/{id}} {@code {"categoryId": 3}} (null removes it). */
    @PATCH
    @Path("{id}")
    public Transaction setCategory(
            @Context User user, @PathParam("id") String id, TransactionService.CategoryChange change) {
        return transactions.setCategory(user.id(), parse(id), change);
    }

    /** {@code PUT /api/finance/transactions/{id}/splits}: 422 naming {@code splits} unless they add up exactly. */
    @PUT
    @Path("{id}/splits")
    public Transaction putSplits(
            @Context User user, @PathParam("id") String id, TransactionService.SplitsRequest request) {
        return transactions.putSplits(user.id(), parse(id), request);
    }

    private static long parse(String id) {
        return Ids.parse(id, FinanceErrors::transactionNotFound);
    }
}
