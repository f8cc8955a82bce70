package io.metacortex.notes.internal;

import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.PageQuery;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;

/**
 * The note routes, under the plugin's base path {@code /api/notes}. Every route acts for the authenticated caller
 * ({@code @Context User}, never null: no route is public) on the caller's own notes; another user's note answers
 * 404 like a missing one. Errors use the host's JSON shape through {@link ApiException}. Ids and query parameters
 * are taken as text and parsed here, so that malformed values get that shape too rather than the framework's
 * defaults; the swagger annotations tell {@code /openapi.json} what they are (and what a method returning a
 * {@link Response} answers).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NoteResource {

    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final NoteService notes;

    public NoteResource(NoteService notes) {
        this.notes = notes;
    }

    /**
     * {@code POST /api/notes}: 201 with the note and its {@code Location}; 409 when another note has the title
     * (ignoring case); 422 for invalid fields.
     */
    @POST
    @ApiResponse(
            responseCode = "201",
            description = "Created: the note",
            headers =
                    @Header(
                            name = "Location",
                            description = "The note's URL",
                            schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = Note.class)))
    public Response create(@Context User user, NoteRequest request, @Context UriInfo uriInfo) {
        Note note = notes.create(user.id(), NoteRequestValidator.validate(request));
        URI location =
                uriInfo.getAbsolutePathBuilder().path(Long.toString(note.id())).build();
        return Response.created(location).entity(note).build();
    }

    /** {@code GET /api/notes/{id}}: 200 with the note, its resolved links and linked tasks; 404. */
    @GET
    @Path("{id}")
    public Note get(@Context User user, @PathParam("id") String id) {
        return notes.find(user.id(), parseId(id)).orElseThrow(() -> NoteErrors.noteNotFound(id));
    }

    /**
     * {@code PUT /api/notes/{id}}: replaces every editable field (absent ones take their defaults: empty body, no
     * tags or tasks, not pinned, not archived). 200 with the note; 404; 409 for a taken title; 422.
     */
    @PUT
    @Path("{id}")
    public Note replace(@Context User user, @PathParam("id") String id, NoteRequest request) {
        long noteId = parseId(id);
        return notes.replace(user.id(), noteId, NoteRequestValidator.validate(request));
    }

    /**
     * {@code PATCH /api/notes/{id}}: changes the fields present in the body, keeps the others (e.g.
     * {@code {"pinned": true}}). 200 with the note; 404; 409 for a taken title; 422.
     */
    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
    public Note patch(
            @Context User user,
            @PathParam("id") String id,
            @RequestBody(
                            description = "The fields to change",
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(implementation = NoteChanges.class)),
                                @Content(
                                        mediaType = MERGE_PATCH_JSON,
                                        schema = @Schema(implementation = NoteChanges.class))
                            })
                    NoteRequest request) {
        return notes.patch(user.id(), parseId(id), request);
    }

    /** {@code DELETE /api/notes/{id}}: 204, deleting the note's history with it; 404. */
    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id) {
        if (!notes.delete(user.id(), parseId(id))) {
            throw NoteErrors.noteNotFound(id);
        }
    }

    /**
     * {@code GET /api/notes}: {@code {"items": [...], "nextCursor": "..." | null}}. Filters, all of which must hold:
     * {@code tag} (repeatable: all of), {@code pinned} (true/false), {@code archived} (false by default: archived
     * notes are hidden; true for only them; any for both). Order: {@code sort} = updated (last changed first, the
     * default), created (newest first) or title (A to Z). With {@code q}, a full-text search instead: best match
     * first, each item with a {@code snippet}. Paging: {@code limit} (1..200, default 50) and {@code cursor} (the
     * previous page's {@code nextCursor}). 400 naming each bad parameter.
     */
    @GET
    public NotePage<NoteSummary> list(
            @Context User user,
            @Parameter(
                            description = "Full-text search: best match first, each item with a snippet",
                            schema = @Schema(maxLength = NoteQuery.MAX_TEXT))
                    @QueryParam("q")
                    String q,
            @Parameter(description = "All of these tags") @QueryParam("tag") List<String> tag,
            @Parameter(description = "Only pinned (true) or unpinned (false) notes", schema = @Schema(type = "boolean"))
                    @QueryParam("pinned")
                    String pinned,
            @Parameter(
                            description =
                                    "Archived notes are hidden (false, the default), alone (true) or shown too (any)",
                            schema =
                                    @Schema(
                                            allowableValues = {"false", "true", "any"},
                                            defaultValue = "false"))
                    @QueryParam("archived")
                    String archived,
            @Parameter(
                            description = "The order without q: last changed first (updated, the default), newest first"
                                    + " (created) or A to Z (title)",
                            schema =
                                    @Schema(
                                            allowableValues = {"updated", "created", "title"},
                                            defaultValue = "updated"))
                    @QueryParam("sort")
                    String sort,
            @BeanParam PageQuery page) {
        return notes.list(
                user.id(), NoteQueryParser.parse(q, tag, pinned, archived, sort, page.getLimit(), page.getCursor()));
    }

    /**
     * {@code GET /api/notes/{id}/backlinks}: the caller's other notes whose body links to this note's title, by
     * title, paged like the list; 404.
     */
    @GET
    @Path("{id}/backlinks")
    public NotePage<NoteSummary> backlinks(@Context User user, @PathParam("id") String id, @BeanParam PageQuery page) {
        long noteId = parseId(id);
        return notes.backlinks(user.id(), noteId, NoteQueryParser.backlinks(page.getLimit(), page.getCursor()));
    }

    /** {@code GET /api/notes/{id}/versions}: the note's versions without their bodies, newest first, paged; 404. */
    @GET
    @Path("{id}/versions")
    public NotePage<VersionSummary> versions(
            @Context User user, @PathParam("id") String id, @BeanParam PageQuery page) {
        long noteId = parseId(id);
        return notes.versions(user.id(), noteId, NoteQueryParser.versions(page.getLimit(), page.getCursor()));
    }

    /** {@code GET /api/notes/{id}/versions/{n}}: version n with its body; 404 for an unknown note or version. */
    @GET
    @Path("{id}/versions/{number}")
    public NoteVersion version(@Context User user, @PathParam("id") String id, @PathParam("number") String number) {
        long noteId = parseId(id);
        return notes.version(user.id(), noteId, parseVersion(noteId, number));
    }

    /**
     * {@code POST /api/notes/{id}/versions/{n}/revert}: makes version n's title, body and tags the note's content
     * again, as a new version. 200 with the note; 404 for an unknown note or version; 409 when another note has
     * taken that title since.
     */
    @POST
    @Path("{id}/versions/{number}/revert")
    public Note revert(@Context User user, @PathParam("id") String id, @PathParam("number") String number) {
        long noteId = parseId(id);
        return notes.revert(user.id(), noteId, parseVersion(noteId, number));
    }

    private static long parseId(String id) {
        try {
            long parsed = Long.parseLong(id);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // not an id: no such note
        }
        throw NoteErrors.noteNotFound(id);
    }

    private static int parseVersion(long noteId, String number) {
        try {
            int parsed = Integer.parseInt(number);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // not a version number: no such version
        }
        throw NoteErrors.versionNotFound(noteId, number);
    }
}
