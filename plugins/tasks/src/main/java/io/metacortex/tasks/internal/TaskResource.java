package io.metacortex.tasks.internal;

import io.metacortex.plugin.api.User;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;

/**
 * The task routes, under the plugin's base path {@code /api/tasks}. Every route acts for the authenticated caller
 * ({@code @Context User}, never null: no route is public) on the caller's own tasks; another user's task answers 404
 * like a missing one. Errors use the host's JSON shape through
 * {@link ApiException}. Ids and query parameters are taken as text and parsed here, so that malformed values get
 * that shape too rather than the framework's defaults.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource {

    private static final int MAX_ECHOED_ID = 40;

    private final TaskService tasks;

    public TaskResource(TaskService tasks) {
        this.tasks = tasks;
    }

    /** {@code POST /api/tasks}: 201 with the task and its {@code Location}; 422 for invalid fields. */
    @POST
    public Response create(@Context User user, TaskRequest request, @Context UriInfo uriInfo) {
        Task task = tasks.create(user.id(), TaskRequestValidator.validate(request));
        URI location = uriInfo.getAbsolutePathBuilder().path(Long.toString(task.id())).build();
        return Response.created(location).entity(task).build();
    }

    /** {@code GET /api/tasks/{id}}: 200 with the task; 404 when there is none (or the id is not a number). */
    @GET
    @Path("{id}")
    public Task get(@Context User user, @PathParam("id") String id) {
        long taskId = parseId(id);
        return tasks.find(user.id(), taskId).orElseThrow(() -> ApiException.taskNotFound(id));
    }

    /**
     * {@code PUT /api/tasks/{id}}: replaces every editable field (absent ones take their defaults: no description,
     * due date, tags or parent; MEDIUM; PENDING). 200 with the task; 404; 422 for invalid fields.
     */
    @PUT
    @Path("{id}")
    public Task replace(@Context User user, @PathParam("id") String id, TaskRequest request) {
        long taskId = parseId(id);
        return tasks.replace(user.id(), taskId, TaskRequestValidator.validate(request));
    }

    /** {@code DELETE /api/tasks/{id}}: 204, deleting the task's subtasks with it, recursively; 404. */
    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id) {
        if (!tasks.delete(user.id(), parseId(id))) {
            throw ApiException.taskNotFound(id);
        }
    }

    /**
     * {@code GET /api/tasks}: {@code {"items": [...], "nextCursor": "..." | null}}, in id order. Filters, all of
     * which must hold: {@code status} and {@code priority} (repeatable: any of), {@code tag} (repeatable: all of),
     * {@code dueBefore} and {@code dueAfter} (ISO-8601, exclusive), {@code parentId} (children of that task).
     * Paging: {@code limit} (1..200, default 50) and {@code cursor} (the previous page's {@code nextCursor}).
     * 400 naming each bad parameter.
     */
    @GET
    public TaskPage list(@Context User user, @QueryParam("status") List<String> status,
            @QueryParam("priority") List<String> priority, @QueryParam("tag") List<String> tag,
            @QueryParam("dueBefore") String dueBefore, @QueryParam("dueAfter") String dueAfter,
            @QueryParam("parentId") String parentId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return tasks.list(user.id(),
                TaskQueryParser.parse(status, priority, tag, dueBefore, dueAfter, parentId, limit, cursor));
    }

    private static long parseId(String id) {
        try {
            long parsed = Long.parseLong(id);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // not an id: no such task
        }
        throw ApiException.taskNotFound(id.length() > MAX_ECHOED_ID ? id.substring(0, MAX_ECHOED_ID) + "..." : id);
    }
}
