package io.metacortex.tasks.internal;

import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.EnumValues;
import io.metacortex.plugin.support.PageQuery;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.BeanParam;
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
import java.util.Map;
import java.util.UUID;

/**
 * The task routes, under the plugin's base path {@code /api/tasks}. Every route acts for the authenticated caller
 * ({@code @Context User}, never null: no route is public) on the caller's own tasks and those delegated to them;
 * another user's task answers 404 like a missing one, and what only the owner may do answers 403 to the assignee.
 * Recurrence is computed in the caller's time zone ({@link User#timeZone()}). Errors use the host's JSON shape through
 * {@link ApiException}. Ids and query parameters are taken as text and parsed here, so that malformed values get
 * that shape too rather than the framework's defaults; the swagger annotations tell {@code /openapi.json} what they
 * are (and what a method returning a {@link Response} answers).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource {

    private final TaskService tasks;

    public TaskResource(TaskService tasks) {
        this.tasks = tasks;
    }

    /** {@code POST /api/tasks}: 201 with the task and its {@code Location}; 422 for invalid fields. */
    @POST
    @ApiResponse(
            responseCode = "201",
            description = "Created: the task",
            headers =
                    @Header(
                            name = "Location",
                            description = "The task's URL",
                            schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = Task.class)))
    public Response create(@Context User user, TaskRequest request, @Context UriInfo uriInfo) {
        Task task = tasks.create(user.id(), user.timeZone(), TaskRequestValidator.validate(request));
        URI location =
                uriInfo.getAbsolutePathBuilder().path(Long.toString(task.id())).build();
        return Response.created(location).entity(task).build();
    }

    /**
     * {@code GET /api/tasks/{id}}: 200 with the task (its owner's or delegated to the caller); 404 when there is none
     * (or the id is not a number).
     */
    @GET
    @Path("{id}")
    public Task get(@Context User user, @PathParam("id") String id) {
        long taskId = parseId(id);
        return tasks.find(user.id(), taskId).orElseThrow(() -> TaskErrors.taskNotFound(id));
    }

    /**
     * {@code PUT /api/tasks/{id}}: replaces every editable field (absent ones take their defaults: no description,
     * due date, tags, parent, project or recurrence; MEDIUM; PENDING; false). Owner only. 200 with the task; 404;
     * 403 for the assignee; 422 for invalid fields.
     */
    @PUT
    @Path("{id}")
    public Task replace(@Context User user, @PathParam("id") String id, TaskRequest request) {
        long taskId = parseId(id);
        return tasks.replace(user.id(), user.timeZone(), taskId, TaskRequestValidator.validate(request));
    }

    /**
     * {@code PUT /api/tasks/{id}/status} {@code {"status": "COMPLETED"}}: changes only the status, for the owner and
     * for an assignee who accepted. 200 with the task; 404; 403 for an assignee who has not accepted; 422.
     */
    @PUT
    @Path("{id}/status")
    public Task changeStatus(@Context User user, @PathParam("id") String id, StatusRequest request) {
        long taskId = parseId(id);
        if (request == null) {
            throw ApiException.missingBody("the task's new status");
        }
        Status status = request.status() == null
                ? null
                : EnumValues.parse(Status.class, request.status()).orElse(null);
        if (status == null) {
            throw ApiException.invalidBody(Map.of("status", EnumValues.mustBeOneOf(Status.class)));
        }
        return tasks.changeStatus(user.id(), user.timeZone(), taskId, status);
    }

    /**
     * {@code POST /api/tasks/{id}/delegate} {@code {"assigneeId": "<user id>"}}: the owner delegates the task to an
     * existing user, who then accepts or declines. 200 with the task; 404; 403 for the assignee; 422 naming
     * {@code assigneeId}.
     */
    @POST
    @Path("{id}/delegate")
    public Task delegate(@Context User user, @PathParam("id") String id, DelegateRequest request) {
        long taskId = parseId(id);
        if (request == null) {
            throw ApiException.missingBody("the assigneeId");
        }
        UUID assignee;
        try {
            assignee = UUID.fromString(
                    request.assigneeId() == null ? "" : request.assigneeId().strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidBody(Map.of("assigneeId", "must be a user id (a UUID)"));
        }
        return tasks.delegate(user.id(), taskId, assignee);
    }

    /** {@code POST /api/tasks/{id}/delegation/accept}: the assignee accepts. 200; 404; 403; 409 if answered. */
    @POST
    @Path("{id}/delegation/accept")
    public Task accept(@Context User user, @PathParam("id") String id) {
        return tasks.answerDelegation(user.id(), parseId(id), true);
    }

    /** {@code POST /api/tasks/{id}/delegation/decline}: the assignee declines. 200; 404; 403; 409 if answered. */
    @POST
    @Path("{id}/delegation/decline")
    public Task decline(@Context User user, @PathParam("id") String id) {
        return tasks.answerDelegation(user.id(), parseId(id), false);
    }

    /**
     * {@code GET /api/tasks/{id}/history}: the task's history, oldest first, paged like the list ({@code limit},
     * {@code cursor}); for the owner and the assignee. 200; 404; 400 for bad paging parameters.
     */
    @GET
    @Path("{id}/history")
    public Page<HistoryEntry> history(@Context User user, @PathParam("id") String id, @BeanParam PageQuery page) {
        long taskId = parseId(id);
        return tasks.history(user.id(), taskId, PageRequest.parse(page.getLimit(), page.getCursor()));
    }

    /**
     * {@code GET /api/tasks/notifications}: what the caller was told about tasks they can no longer see (an owner
     * deleted a task delegated to them), oldest first, paged like the list.
     */
    @GET
    @Path("notifications")
    public Page<Notification> notifications(@Context User user, @BeanParam PageQuery page) {
        return tasks.notifications(user.id(), PageRequest.parse(page.getLimit(), page.getCursor()));
    }

    /**
     * {@code DELETE /api/tasks/{id}}: 204, deleting the task's subtasks with it, recursively; 404; 403 for the
     * assignee. The assignees of deleted delegated tasks get a notification.
     */
    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id) {
        if (!tasks.delete(user.id(), parseId(id))) {
            throw TaskErrors.taskNotFound(id);
        }
    }

    /**
     * {@code GET /api/tasks}: {@code {"items": [...], "nextCursor": "..." | null}}, in id order. Filters, all of
     * which must hold: {@code status} and {@code priority} (repeatable: any of), {@code tag} (repeatable: all of),
     * {@code dueBefore} and {@code dueAfter} (ISO-8601, exclusive), {@code parentId} (children of that task),
     * {@code projectId} (tasks of that project), {@code delegated=true} (the tasks other users delegated to the
     * caller instead of the caller's own). Paging: {@code limit} (1..200, default 50) and {@code cursor} (the
     * previous page's {@code nextCursor}). 400 naming each bad parameter.
     */
    @GET
    public TaskPage list(
            @Context User user,
            @Parameter(
                            description = "Any of these statuses",
                            array = @ArraySchema(schema = @Schema(implementation = Status.class)))
                    @QueryParam("status")
                    List<String> status,
            @Parameter(
                            description = "Any of these priorities",
                            array = @ArraySchema(schema = @Schema(implementation = Priority.class)))
                    @QueryParam("priority")
                    List<String> priority,
            @Parameter(description = "All of these tags") @QueryParam("tag") List<String> tag,
            @Parameter(description = "Due before this instant (exclusive)", schema = @Schema(format = "date-time"))
                    @QueryParam("dueBefore")
                    String dueBefore,
            @Parameter(description = "Due after this instant (exclusive)", schema = @Schema(format = "date-time"))
                    @QueryParam("dueAfter")
                    String dueAfter,
            @Parameter(
                            description = "The children of this task",
                            schema = @Schema(type = "integer", format = "int64", minimum = "1"))
                    @QueryParam("parentId")
                    String parentId,
            @Parameter(
                            description = "The tasks of this project",
                            schema = @Schema(type = "integer", format = "int64", minimum = "1"))
                    @QueryParam("projectId")
                    String projectId,
            @Parameter(
                            description = "true: the tasks other users delegated to the caller, instead of the caller's"
                                    + " own",
                            schema = @Schema(type = "boolean"))
                    @QueryParam("delegated")
                    String delegated,
            @BeanParam PageQuery page) {
        return tasks.list(
                user.id(),
                TaskQueryParser.parse(
                        status,
                        priority,
                        tag,
                        dueBefore,
                        dueAfter,
                        parentId,
                        projectId,
                        delegated,
                        page.getLimit(),
                        page.getCursor()));
    }

    private static long parseId(String id) {
        return Ids.parse(id).orElseThrow(() -> TaskErrors.taskNotFound(Ids.echo(id)));
    }
}
