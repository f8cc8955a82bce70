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

/** {@code /api/finance/categories}: the default set and the caller's own; only one's own can change. */
@Path("categories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CategoryResource {

    private final CategoryService categories;

    public CategoryResource(CategoryService categories) {
        this.categories = categories;
    }

    @GET
    public Page<Category> list(@Context User user, @BeanParam PageQuery page) {
        return categories.list(user.id(), Page.Request.parse(page));
    }

    /** 201; 422 for a blank name; 409 for a taken one. */
    @POST
    public Response create(@Context User user, CategoryService.CategoryRequest request, @Context UriInfo uri) {
        Category category = categories.create(user.id(), request);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(category.id()))
                        .build())
                .entity(category)
                .build();
    }

    @GET
    @Path("{id}")
    public Category get(@Context User user, @PathParam("id") String id) {
        return categories.find(user.id(), parse(id));
    }

    /** Renames one's own category; 403 for a default one. */
    @PATCH
    @Path("{id}")
    public Category rename(@Context User user, @PathParam("id") String id, CategoryService.CategoryRequest request) {
        return categories.rename(user.id(), parse(id), request);
    }

    /** 204: its transactions and splits lose it, its rules and budgets are deleted; 403 for a default one. */
    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id) {
        categories.delete(user.id(), parse(id));
    }

    private static long parse(String id) {
        return Ids.parse(id, FinanceErrors::categoryNotFound);
    }
}
