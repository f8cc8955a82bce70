package io.metacortex.host.admin;

import io.metacortex.host.audit.Audited;
import io.metacortex.host.errors.HostException;
import io.metacortex.host.jobs.JobAdmin;
import io.metacortex.host.jobs.JobState;
import io.metacortex.host.jobs.JobView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Plugins' background jobs: list them (newest first, a page at a time), retry a failed one, delete one. */
@AdminOnly
@Path("/admin/jobs")
@Produces(MediaType.APPLICATION_JSON)
public final class JobAdminResource {

    private static final int MAX_LIMIT = 500;
    private static final String STATES =
            Arrays.stream(JobState.values()).map(JobState::label).collect(Collectors.joining(", "));

    private final JobAdmin jobs;

    public JobAdminResource(JobAdmin jobs) {
        this.jobs = jobs;
    }

    /** A page of jobs; pass {@code nextBefore} as {@code before} for the next one (null: no more). */
    public record Page(List<JobView> items, Long nextBefore) {}

    @GET
    @Operation(summary = "Plugins' jobs, newest first, with their state, attempts, next run and last error")
    public Page page(
            @Parameter(description = "Only this plugin's jobs") @QueryParam("plugin") String plugin,
            @Parameter(
                            description = "Only jobs in this state",
                            schema =
                                    @Schema(
                                            type = "string",
                                            allowableValues = {"scheduled", "running", "paused", "orphaned", "failed"}))
                    @QueryParam("state")
                    String state,
            @Parameter(description = "Only jobs of this type") @QueryParam("type") String type,
            @Parameter(
                            description = "Page size",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "" + MAX_LIMIT))
                    @QueryParam("limit")
                    @DefaultValue("50")
                    String limit,
            @Parameter(
                            description = "The previous page's nextBefore; absent for the newest jobs",
                            schema = @Schema(type = "integer", format = "int64", minimum = "1"))
                    @QueryParam("before")
                    String before) {
        int size = (int) QueryNumbers.wholeNumber("limit", limit, 1, MAX_LIMIT);
        Long beforeId = before == null ? null : QueryNumbers.wholeNumber("before", before, 1, Long.MAX_VALUE);
        JobState wanted = state == null
                ? null
                : JobState.ofLabel(state)
                        .orElseThrow(() -> new HostException(
                                400,
                                "invalid query parameter",
                                "state must be one of " + STATES + ", not '" + state + "'.",
                                null));
        List<JobView> items = jobs.page(beforeId, plugin, wanted, type, size);
        return new Page(
                items, items.size() < size ? null : items.get(items.size() - 1).id());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One job")
    public JobView get(@PathParam("id") String id) {
        return jobs.get(id);
    }

    @Audited("job.retry")
    @POST
    @Path("{id}/retry")
    @Operation(summary = "Runs a failed or scheduled job now, its attempts counted from zero again")
    public JobView retry(@PathParam("id") String id) {
        return jobs.retry(id);
    }

    @Audited("job.delete")
    @DELETE
    @Path("{id}")
    @Operation(
            summary = "Deletes a job in any state; a run in progress finishes, but nothing runs after it",
            responses = @ApiResponse(responseCode = "204", description = "Deleted"))
    public Response delete(@PathParam("id") String id) {
        jobs.delete(id);
        return Response.noContent().build();
    }
}
