package io.metacortex.habits.internal;

import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.ApiException;
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
import java.time.LocalDate;
import java.util.List;

/**
 * The habit routes, under the plugin's base path {@code /api/habits}. Every route acts for the authenticated caller
 * ({@code @Context User}, never null: no route is public) on the caller's own habits; another user's habit answers
 * 404 like a missing one. Days are the caller's local days, in {@link User#timeZone()}. Errors use the host's JSON
 * shape through {@link ApiException}. Ids, dates and query parameters are taken as text and parsed here, so that
 * malformed values get that shape too rather than the framework's defaults; the swagger annotations tell
 * {@code /openapi.json} what they are (and what a method returning a {@link Response} answers).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HabitResource {

    private static final int MAX_ECHOED_ID = 40;

    private final HabitService habits;
    private final CheckInService checkIns;
    private final StatsService stats;

    public HabitResource(HabitService habits, CheckInService checkIns, StatsService stats) {
        this.habits = habits;
        this.checkIns = checkIns;
        this.stats = stats;
    }

    /** {@code POST /api/habits}: 201 with the habit and its {@code Location}; 422 for invalid fields. */
    @POST
    @ApiResponse(
            responseCode = "201",
            description = "Created: the habit",
            headers =
                    @Header(
                            name = "Location",
                            description = "The habit's URL",
                            schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = Habit.class)))
    public Response create(@Context User user, HabitRequest request, @Context UriInfo uriInfo) {
        Habit habit = habits.create(user.id(), user.timeZone(), HabitRequestValidator.validate(request));
        URI location =
                uriInfo.getAbsolutePathBuilder().path(Long.toString(habit.id())).build();
        return Response.created(location).entity(habit).build();
    }

    /** {@code GET /api/habits/{id}}: 200 with the habit; 404 when there is none (or the id is not a number). */
    @GET
    @Path("{id}")
    public Habit get(@Context User user, @PathParam("id") String id) {
        return habits.find(user.id(), parseId(id)).orElseThrow(() -> HabitErrors.habitNotFound(id));
    }

    /**
     * {@code PUT /api/habits/{id}}: replaces every editable field (absent ones take their defaults: YES_NO, every
     * day, no task, not archived). 200 with the habit; 404; 422 for invalid fields.
     */
    @PUT
    @Path("{id}")
    public Habit replace(@Context User user, @PathParam("id") String id, HabitRequest request) {
        long habitId = parseId(id);
        return habits.replace(user.id(), user.timeZone(), habitId, HabitRequestValidator.validate(request));
    }

    /** {@code DELETE /api/habits/{id}}: 204, deleting its check-ins and rest days with it; 404. */
    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id) {
        if (!habits.delete(user.id(), parseId(id))) {
            throw HabitErrors.habitNotFound(id);
        }
    }

    /**
     * {@code GET /api/habits}: {@code {"items": [...], "nextCursor": "..." | null}}, in id order. Filters, all of
     * which must hold: {@code archived} ({@code true} or {@code false}), {@code kind} (repeatable: any of). Paging:
     * {@code limit} (1..200, default 50) and {@code cursor} (the previous page's {@code nextCursor}). 400 naming each
     * bad parameter.
     */
    @GET
    public HabitPage list(
            @Context User user,
            @Parameter(
                            description = "Only archived (true) or active (false) habits",
                            schema = @Schema(type = "boolean"))
                    @QueryParam("archived")
                    String archived,
            @Parameter(
                            description = "Any of these kinds",
                            array = @ArraySchema(schema = @Schema(implementation = Kind.class)))
                    @QueryParam("kind")
                    List<String> kind,
            @BeanParam PageQuery page) {
        return habits.list(user.id(), HabitQueryParser.parse(archived, kind, page.getLimit(), page.getCursor()));
    }

    /**
     * {@code POST /api/habits/{id}/check-ins} with {@code {"date": "2026-11-25", "value": 3}}, both optional (no body
     * at all means done today): 201 with the check-in when the day had none, 200 when its value was replaced; both
     * with the check-in's {@code Location}. 404; 422 naming {@code date} or {@code value}.
     */
    @POST
    @Path("{id}/check-ins")
    @ApiResponse(
            responseCode = "201",
            description = "Checked in: the day had no check-in",
            headers =
                    @Header(
                            name = "Location",
                            description = "The check-in's URL",
                            schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = CheckIn.class)))
    @ApiResponse(
            responseCode = "200",
            description = "The day's check-in, its value replaced",
            headers =
                    @Header(
                            name = "Location",
                            description = "The check-in's URL",
                            schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = CheckIn.class)))
    public Response checkIn(
            @Context User user, @PathParam("id") String id, CheckInRequest request, @Context UriInfo uriInfo) {
        CheckInService.Saved saved = checkIns.checkIn(user.id(), user.timeZone(), parseId(id), request);
        URI location = uriInfo.getAbsolutePathBuilder()
                .path(saved.checkIn().date().toString())
                .build();
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(location)
                .entity(saved.checkIn())
                .build();
    }

    /**
     * {@code GET /api/habits/{id}/check-ins?from=&to=}: {@code {"items": [...]}} in day order, from {@code from} to
     * {@code to} (local days, inclusive; default the last 30 days). 400 for a bad range; 404.
     */
    @GET
    @Path("{id}/check-ins")
    public ItemList<CheckIn> checkIns(
            @Context User user,
            @PathParam("id") String id,
            @Parameter(description = DateRange.FROM, schema = @Schema(format = "date")) @QueryParam("from") String from,
            @Parameter(description = DateRange.TO, schema = @Schema(format = "date")) @QueryParam("to") String to) {
        return new ItemList<>(checkIns.list(user.id(), user.timeZone(), parseId(id), from, to));
    }

    /** {@code DELETE /api/habits/{id}/check-ins/{date}}: 204; 404 (also for a day without check-in); 422. */
    @DELETE
    @Path("{id}/check-ins/{date}")
    public void undoCheckIn(
            @Context User user,
            @PathParam("id") String id,
            @Parameter(schema = @Schema(format = "date")) @PathParam("date") String date) {
        long habitId = parseId(id);
        checkIns.undo(user.id(), user.timeZone(), habitId, parseDate(date));
    }

    /**
     * {@code GET /api/habits/{id}/rest-days?from=&to=}: {@code {"items": ["2026-11-25", ...]}}, the marked rest days
     * (not the unscheduled weekdays) in order; default range the last 30 days. 400; 404.
     */
    @GET
    @Path("{id}/rest-days")
    public ItemList<LocalDate> restDays(
            @Context User user,
            @PathParam("id") String id,
            @Parameter(description = DateRange.FROM, schema = @Schema(format = "date")) @QueryParam("from") String from,
            @Parameter(description = DateRange.TO, schema = @Schema(format = "date")) @QueryParam("to") String to) {
        return new ItemList<>(checkIns.restDays(user.id(), user.timeZone(), parseId(id), from, to));
    }

    /** {@code PUT /api/habits/{id}/rest-days/{date}}: 204, marked (again: no change); 404; 422 outside the window. */
    @PUT
    @Path("{id}/rest-days/{date}")
    public void markRestDay(
            @Context User user,
            @PathParam("id") String id,
            @Parameter(schema = @Schema(format = "date")) @PathParam("date") String date) {
        long habitId = parseId(id);
        checkIns.markRestDay(user.id(), user.timeZone(), habitId, parseDate(date));
    }

    /** {@code DELETE /api/habits/{id}/rest-days/{date}}: 204; 404 (also for a day not marked); 422. */
    @DELETE
    @Path("{id}/rest-days/{date}")
    public void unmarkRestDay(
            @Context User user,
            @PathParam("id") String id,
            @Parameter(schema = @Schema(format = "date")) @PathParam("date") String date) {
        long habitId = parseId(id);
        checkIns.unmarkRestDay(user.id(), user.timeZone(), habitId, parseDate(date));
    }

    /**
     * {@code GET /api/habits/{id}/stats?from=&to=}: the streaks (over the whole history) and the completion rate of
     * the range (default the last 30 days). 400 for a bad range; 404.
     */
    @GET
    @Path("{id}/stats")
    public HabitStats stats(
            @Context User user,
            @PathParam("id") String id,
            @Parameter(description = DateRange.FROM, schema = @Schema(format = "date")) @QueryParam("from") String from,
            @Parameter(description = DateRange.TO, schema = @Schema(format = "date")) @QueryParam("to") String to) {
        return stats.stats(user.id(), user.timeZone(), parseId(id), from, to);
    }

    private static long parseId(String id) {
        try {
            long parsed = Long.parseLong(id);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // not an id: no such habit
        }
        throw HabitErrors.habitNotFound(id.length() > MAX_ECHOED_ID ? id.substring(0, MAX_ECHOED_ID) + "..." : id);
    }

    private static LocalDate parseDate(String date) {
        return Dates.parse(date).orElseThrow(HabitErrors::invalidPathDate);
    }
}
