package io.metacortex.tasks.internal;

import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.PageQuery;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * The tag routes, {@code /api/tasks/tags}: the caller's tags, {@code {"id", "name", "taskCount"}}. Tags are created
 * by naming them on a task ({@code "tags": ["home"]}); another user's tag answers 404.
 */
@Path("tags")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TagResource {

    private final TagService tags;

    public TagResource(TagService tags) {
        this.tags = tags;
    }

    /** {@code GET /api/tasks/tags}: with task counts, in id order, paged like the task list. */
    @GET
    public Page<Tag> list(@Context User user, @BeanParam PageQuery page) {
        return tags.list(user.id(), PageRequest.parse(page.getLimit(), page.getCursor()));
    }

    /** {@code GET /api/tasks/tags/{id}}: 200; 404. */
    @GET
    @Path("{id}")
    public Tag get(@Context User user, @PathParam("id") String id) {
        return tags.find(user.id(), parseId(id));
    }

    /**
     * {@code PUT /api/tasks/tags/{id}} {@code {"name": "..."}}: renames; a name the caller already has merges this
     * tag into that one (the answer is then that tag). 200; 404; 422.
     */
    @PUT
    @Path("{id}")
    public Tag rename(@Context User user, @PathParam("id") String id, TagRequest request) {
        return tags.rename(user.id(), parseId(id), request);
    }

    /** {@code PATCH /api/tasks/tags/{id}}: the same as PUT (the name is the only field). */
    @PATCH
    @Path("{id}")
    public Tag patch(@Context User user, @PathParam("id") String id, TagRequest request) {
        return rename(user, id, request);
    }

    /** {@code DELETE /api/tasks/tags/{id}}: 204; the tag leaves its tasks, which stay; 404. */
    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id) {
        if (!tags.delete(user.id(), parseId(id))) {
            throw TaskErrors.tagNotFound(id);
        }
    }

    private static long parseId(String id) {
        return Ids.parse(id).orElseThrow(() -> TaskErrors.tagNotFound(Ids.echo(id)));
    }
}
