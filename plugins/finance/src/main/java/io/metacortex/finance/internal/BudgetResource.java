package io.metacortex.finance.internal;

import io.metacortex.plugin.api.User;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/finance/budgets}: the caller's budgets with spent and remaining. */
@Path("budgets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BudgetResource {

    private final BudgetService budgets;

    public BudgetResource(BudgetService budgets) {
        this.budgets = budgets;
    }

    /** {@code GET /api/finance/budgets?month=2026-11}: {@code {"items": [...]}}. */
    @GET
    public Page<BudgetStatus> ofMonth(@Context User user, @QueryParam("month") String month) {
        return new Page<>(budgets.ofMonth(user.id(), month), null);
    }

    /** 201; 422 naming the fields; 409 when the month, category and currency have one. */
    @POST
    public Response create(@Context User user, BudgetService.BudgetRequest request, @Context UriInfo uri) {
        BudgetStatus budget = budgets.create(user.id(), request);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(budget.id()))
                        .build())
                .entity(budget)
                .build();
    }

    @GET
    @Path("{id}")
    public BudgetStatus get(@Context User user, @PathParam("id") String id) {
        return budgets.find(user.id(), parse(id));
    }

    /** Changes {@code amount} and/or {@code rollover}. */
    @PATCH
    @Path("{id}")
    public BudgetStatus update(@Context User user, @PathParam("id") String id, BudgetService.BudgetRequest request) {
        return budgets.update(user.id(), parse(id), request);
    }

    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id) {
        budgets.delete(user.id(), parse(id));
    }

    private static long parse(String id) {
        return Ids.parse(id, FinanceErrors::budgetNotFound);
    }
}
