package io.metacortex.host.openapi.versions;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** V1 with the response field note removed. */
@Path("/items")
@Produces(MediaType.APPLICATION_JSON)
public class ItemsRemovedField {

    /** What the API answers. */
    public record Item(String id, int quantity) {}

    /** What the API is sent. */
    public record Order(@NotNull String name, Priority priority) {}

    /** A priority, as requests send it. */
    public enum Priority {
        LOW,
        HIGH,
        URGENT
    }

    @GET
    public List<Item> list() {
        return List.of();
    }

    @GET
    @Path("{id}")
    public Item get(@PathParam("id") String id) {
        return null;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Item create(Order order) {
        return null;
    }

    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") String id) {}
}
