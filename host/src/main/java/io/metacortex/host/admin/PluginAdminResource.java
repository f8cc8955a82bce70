package io.metacortex.host.admin;

import io.metacortex.host.audit.Audited;
import io.metacortex.host.deploy.DeployFolder;
import io.metacortex.host.errors.HostException;
import io.metacortex.host.plugin.PluginLifecycle;
import io.metacortex.host.plugin.PluginView;
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

/** The plugin admin API: list, install, upgrade, roll back, disable, enable and uninstall plugins. */
@AdminOnly
@Path("/admin/plugins")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginAdminResource {

    static final String JAR = "application/java-archive";

    private final PluginLifecycle lifecycle;
    private final DeployFolder deployFolder;
    private final long maxUploadBytes;

    public PluginAdminResource(PluginLifecycle lifecycle, DeployFolder deployFolder, long maxUploadBytes) {
        this.lifecycle = lifecycle;
        this.deployFolder = deployFolder;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** The installed plugins, and the deploy folder's files that could not be installed. */
    public record PluginList(List<PluginView> plugins, List<DeployFolder.Problem> deployProblems) {
    }

    @GET
    public PluginList list() {
        return new PluginList(lifecycle.list(), deployFolder.problems());
    }

    @GET
    @Path("{id}")
    public PluginView get(@PathParam("id") String id) {
        return lifecycle.get(id);
    }

    @Audited("plugin.install")
    @POST
    @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM})
    public Response install(InputStream body) {
        PluginView installed = lifecycle.install(read(body), null);
        return Response.created(URI.create("/admin/plugins/" + installed.id())).entity(installed).build();
    }

    @Audited("plugin.upgrade")
    @PUT
    @Path("{id}")
    @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM})
    public PluginView upgrade(@PathParam("id") String id, @QueryParam("force") @DefaultValue("false") boolean force,
            InputStream body) {
        return lifecycle.upgrade(id, read(body), force, null);
    }

    @Audited("plugin.rollback")
    @POST
    @Path("{id}/rollback")
    public PluginView rollback(@PathParam("id") String id) {
        return lifecycle.rollback(id);
    }

    @Audited("plugin.disable")
    @POST
    @Path("{id}/disable")
    public PluginView disable(@PathParam("id") String id) {
        return lifecycle.disable(id);
    }

    @Audited("plugin.enable")
    @POST
    @Path("{id}/enable")
    public PluginView enable(@PathParam("id") String id) {
        return lifecycle.enable(id);
    }

    @Audited("plugin.uninstall")
    @DELETE
    @Path("{id}")
    public Response uninstall(@PathParam("id") String id, @QueryParam("purge") @DefaultValue("false") boolean purge) {
        lifecycle.uninstall(id, purge);
        return Response.noContent().build();
    }

    /** Reads the upload, refusing it as soon as it passes the limit rather than buffering it whole. */
    private byte[] read(InputStream body) {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxUploadBytes + 1));
            if (bytes.length > maxUploadBytes) {
                throw new HostException(413, "upload too large", "Plugin jars may be at most " + maxUploadBytes
                        + " bytes (plugins.maxUploadSize).", null);
            }
            if (bytes.length == 0) {
                throw new HostException(400, "empty upload", "Send the plugin jar as the request body with"
                        + " Content-Type: " + JAR + ".", null);
            }
            return bytes;
        } catch (IOException e) {
            throw new HostException(400, "upload failed", "The request body could not be read: "
                    + e.getMessage(), e);
        }
    }
}
