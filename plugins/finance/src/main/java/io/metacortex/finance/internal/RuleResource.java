package io.metacortex.finance.internal;

import io.metacortex.plugin.api.User;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** {@code /api/finance/rules}: the caller's categorisation rules, in the order they apply. */
@Path("rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {

    private final RuleService rules;

    public RuleResource(RuleService rules) {
        this.rules = rules;
    }

    /** {@code GET /api/finance/rules}: {@code {"items": [...]}}, in (position, id) order. */
    @GET
    public Page<Rule> list(@Context User user) {
        List<Rule> all = rules.list(user.id());
        return new Page<>(all, null);
    }

    /** 201; 422 naming the fields (a regex that is not bounded names {@code pattern}). */
    @POST
    public Response create(@Context User user, RuleRequests.RuleRequest request, @Context UriInfo uri) {
        Rule rule = rules.create(user.id(), request);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(rule.id()))
                        .build())
                .entity(rule)
                .build();
    }

    /** {@code POST /api/finance/rules/apply}: categorises the transactions without category or splits. */
    @POST
    @Path("apply")
    public RuleService.Applied apply(@Context User user) {
        return rules.apply(user.id());
    }

    @GET
    @Path("{id}")
    public Rule get(@Context User user, @PathParam("id") String id) {
        return rules.find(user.id(), parse(id));
    }

    @PUT
    @Path("{id}")
    public Rule update(@Context User user, @PathParam("id") String id, RuleRequests.RuleRequest request) {
        return rules.update(user.id(), parse(id), request);
    }

    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id) {
        rules.delete(user.id(), parse(id));
    }

    private static long parse(String id) {
        return Ids.parse(id, FinanceErrors::ruleNotFound);
    }
}
