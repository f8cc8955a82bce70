package io.metacortex.tasks.internal;

import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.PageQuery;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The project routes, {@code /api/tasks/projects}: the caller's own projects; another user's answers 404. A project
 * is {@code {"id", "name", "createdAt", "updatedAt"}}; its tasks are {@code GET /api/tasks?projectId=}.
 */
@Path("projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectService projects;

    public ProjectResource(ProjectService projects) {
        this.projects = projects;
    }

    /** {@code GET /api/tasks/projects}: in id order, paged like the task list ({@code limit}, {@code cursor}). */
    @GET
    public Page<Project> list(@Context User user, @BeanParam PageQuery page) {
        return projects.list(user.id(), PageRequest.parse(page.getLimit(), page.getCursor()));
    }

    /** {@code POST /api/tasks/projects} {@code {"name": "..."}}: 201 with Location; 422; 409 for a taken name. */
    @POST
    @ApiResponse(
            responseCode = "201",
            description = "Created: the project",
            headers =
                    @Header(
                            name = "Location",
                            description = "The project's URL",
                            schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = Project.class)))
    public Response create(@Context User user, ProjectRequest request, @Context UriInfo uriInfo) {
        Project project = projects.create(user.id(), request);
        return Response.created(uriInfo.getAbsolutePathBuilder()
                        .path(Long.toString(project.id()))
                        .build())
                .entity(project)
                .build();
    }

    /** {@code GET /api/tasks/projects/{id}}: 200; 404. */
    @GET
    @Path("{id}")
    public Project get(@Context User user, @PathParam("id") String id) {
        return projects.find(user.id(), parseId(id));
    }

    /** {@code PUT /api/tasks/projects/{id}} {@code {"name": "..."}}: renames. 200; 404; 422; 409 for a taken name. */
    @PUT
    @Path("{id}")
    public Project rename(@Context User user, @PathParam("id") String id, ProjectRequest request) {
        return projects.rename(user.id(), parseId(id), request);
    }

    /** {@code PATCH /api/tasks/projects/{id}}: the same as PUT (the name is the only field). */
    @PATCH
    @Path("{id}")
    public Project patch(@Context User user, @PathParam("id") String id, ProjectRequest request) {
        return rename(user, id, request);
    }

    /** {@code DELETE /api/tasks/projects/{id}}: 204; its tasks stay, without project; 404. */
    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id) {
        if (!projects.delete(user.id(), parseId(id))) {
            throw TaskErrors.projectNotFound(id);
        }
    }

    private static long parseId(String id) {
        return Ids.parse(id).orElseThrow(() -> TaskErrors.projectNotFound(Ids.echo(id)));
    }
}
