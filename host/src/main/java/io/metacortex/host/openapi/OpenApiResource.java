package io.metacortex.host.openapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /openapi.json}: the current {@link ApiDocument}, public like the plugin routes it describes. */
@Path("/openapi.json")
public final class OpenApiResource {

    private final ApiDocument document;

    public OpenApiResource(ApiDocument document) {
        this.document = document;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        return Response.ok(document.json()).cacheControl(revalidate).build();
    }
}
