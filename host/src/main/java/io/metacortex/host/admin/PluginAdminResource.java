package io.metacortex.host.admin;

import io.metacortex.host.audit.Audited;
import io.metacortex.host.deploy.DeployFolder;
import io.metacortex.host.errors.HostException;
import io.metacortex.host.errors.ValidationException;
import io.metacortex.host.plugin.Permissions;
import io.metacortex.host.plugin.PluginLifecycle;
import io.metacortex.host.plugin.PluginPreview;
import io.metacortex.host.plugin.PluginView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The plugin admin API: list, install, upgrade, roll back, disable, enable and uninstall plugins. The swagger
 * annotations describe it in {@code /openapi.json} (tag and bearer scheme are the document's, for every admin
 * resource).
 */
@AdminOnly
@Path("/admin/plugins")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginAdminResource {

    static final String JAR = "application/java-archive";
    /**
     * The jar bodies' description; their content ({@code string/binary} in each media type consumed) is the OpenAPI
     * reader's rule for a body read as an {@code InputStream} (see {@code ConventionReader}).
     */
    private static final String BUNDLE = "The plugin bundle (jar)";

    private static final String ACCEPT = "The permissions the admin accepts, as GET /admin/plugins/{id} labels them,"
            + " comma-separated: users:read,secrets,http:outbound(api.example.com)";

    private static final String PREVIEW = "The id of a preview (POST /admin/plugins/preview) of this jar with the same"
            + " accept, made while the same version was installed: anything else is refused. Required with"
            + " plugins.requirePreview";

    private final PluginLifecycle lifecycle;
    private final DeployFolder deployFolder;
    private final long maxUploadBytes;

    public PluginAdminResource(PluginLifecycle lifecycle, DeployFolder deployFolder, long maxUploadBytes) {
        this.lifecycle = lifecycle;
        this.deployFolder = deployFolder;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** The installed plugins, and the deploy folder's files that could not be installed. */
    public record PluginList(List<PluginView> plugins, List<DeployFolder.Problem> deployProblems) {}

    @GET
    @Operation(summary = "The installed plugins, and the deploy folder's files that could not be installed")
    public PluginList list() {
        return new PluginList(lifecycle.list(), deployFolder.problems());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One installed plugin")
    public PluginView get(@PathParam("id") String id) {
        return lifecycle.get(id);
    }

    @Audited("plugin.install")
    @POST
    @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(
            summary = "Installs a plugin that is not installed yet",
            requestBody = @RequestBody(required = true, description = BUNDLE),
            responses =
                    @ApiResponse(
                            responseCode = "201",
                            description = "Installed and serving",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = PluginView.class))))
    public Response install(
            @Parameter(description = ACCEPT) @QueryParam("accept") List<String> accept,
            @Parameter(description = PREVIEW) @QueryParam("preview") String preview,
            @Parameter(hidden = true) InputStream body) {
        PluginView installed = lifecycle.install(read(body), null, Permissions.fromLabels(accept), preview);
        return Response.created(URI.create("/admin/plugins/" + installed.id()))
                .entity(installed)
                .build();
    }

    /** A read, like the other GETs here: not audited. */
    @POST
    @Path("preview")
    @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(
            summary = "What installing the jar (or upgrading to it, when its plugin is installed) would do, changing"
                    + " nothing: its permissions, the findings of the code check, its imports, migrations, signature,"
                    + " the difference of its API, and each refusal; its preview id makes the install or upgrade"
                    + " refuse anything else",
            requestBody = @RequestBody(required = true, description = BUNDLE))
    public PluginPreview preview(
            @Parameter(description = "As for an upgrade: a lower or equal version would not be refused")
                    @QueryParam("force")
                    @DefaultValue("false")
                    boolean force,
            @Parameter(description = ACCEPT) @QueryParam("accept") List<String> accept,
            @Parameter(hidden = true) InputStream body) {
        return lifecycle.preview(read(body), force, Permissions.fromLabels(accept));
    }

    @Audited("plugin.upgrade")
    @PUT
    @Path("{id}")
    @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(
            summary = "Replaces the plugin by a newer version, keeping the current one for rollback",
            requestBody = @RequestBody(required = true, description = "The newer plugin bundle (jar)"))
    public PluginView upgrade(
            @PathParam("id") String id,
            @Parameter(description = "Replace even with a lower or equal version")
                    @QueryParam("force")
                    @DefaultValue("false")
                    boolean force,
            @Parameter(description = ACCEPT + "; those accepted before need not be repeated") @QueryParam("accept")
                    List<String> accept,
            @Parameter(description = PREVIEW) @QueryParam("preview") String preview,
            @Parameter(hidden = true) InputStream body) {
        return lifecycle.upgrade(id, read(body), force, null, Permissions.fromLabels(accept), preview);
    }

    @Audited("plugin.rollback")
    @POST
    @Path("{id}/rollback")
    @Operation(summary = "Returns to the version before the last upgrade")
    public PluginView rollback(
            @PathParam("id") String id,
            @Parameter(description = ACCEPT + "; needed when the previous version declares more") @QueryParam("accept")
                    List<String> accept) {
        return lifecycle.rollback(id, Permissions.fromLabels(accept));
    }

    @Audited("plugin.disable")
    @POST
    @Path("{id}/disable")
    @Operation(summary = "Withdraws the plugin's routes and unloads it; its data is kept")
    public PluginView disable(@PathParam("id") String id) {
        return lifecycle.disable(id);
    }

    @Audited("plugin.enable")
    @POST
    @Path("{id}/enable")
    @Operation(summary = "Loads a disabled or failed plugin again")
    public PluginView enable(
            @PathParam("id") String id,
            @Parameter(description = ACCEPT + "; needed when those accepted before do not cover the version")
                    @QueryParam("accept")
                    List<String> accept) {
        return lifecycle.enable(id, Permissions.fromLabels(accept));
    }

    /** The body of {@code PUT /admin/plugins/{id}/default}. */
    public record DefaultChoice(
            @Schema(
                    description = "Whether users who made no choice of their own have the module on",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Boolean enabledByDefault) {}

    @Audited("plugin.default")
    @PUT
    @Path("{id}/default")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sets whether the plugin's module is on for users who made no choice of their own")
    public PluginView setDefault(@PathParam("id") String id, DefaultChoice body) {
        if (body == null || body.enabledByDefault() == null) {
            throw new ValidationException(Map.of("enabledByDefault", "must be true or false"));
        }
        return lifecycle.setEnabledByDefault(id, body.enabledByDefault());
    }

    @Audited("plugin.uninstall")
    @DELETE
    @Path("{id}")
    @Operation(
            summary = "Uninstalls the plugin",
            responses = @ApiResponse(responseCode = "204", description = "Uninstalled"))
    public Response uninstall(
            @PathParam("id") String id,
            @Parameter(description = "Also drop the plugin's schema and its data")
                    @QueryParam("purge")
                    @DefaultValue("false")
                    boolean purge) {
        lifecycle.uninstall(id, purge);
        return Response.noContent().build();
    }

    /** Reads the upload, refusing it as soon as it passes the limit rather than buffering it whole. */
    private byte[] read(InputStream body) {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxUploadBytes + 1));
            if (bytes.length > maxUploadBytes) {
                throw new HostException(
                        413,
                        "upload too large",
                        "Plugin jars may be at most " + maxUploadBytes + " bytes (plugins.maxUploadSize).",
                        null);
            }
            if (bytes.length == 0) {
                throw new HostException(
                        400,
                        "empty upload",
                        "Send the plugin jar as the request body with" + " Content-Type: " + JAR + ".",
                        null);
            }
            return bytes;
        } catch (IOException e) {
            throw new HostException(400, "upload failed", "The request body could not be read: " + e.getMessage(), e);
        }
    }
}
