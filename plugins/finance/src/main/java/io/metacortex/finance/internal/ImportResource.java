package io.metacortex.finance.internal;

import io.metacortex.plugin.api.User;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/finance/accounts/{id}/imports}: statement files into one of the caller's accounts. */
@Path("accounts/{id}/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ImportService imports;

    public ImportResource(ImportService imports) {
        this.imports = imports;
    }

    /** {@code POST .../imports/ofx} with the OFX or QFX file as the body (any content type): 200; 404; 422. */
    @POST
    @Path("ofx")
    @Consumes(MediaType.WILDCARD)
    public ImportService.ImportResult ofx(@Context User user, @PathParam("id") String id, byte[] file) {
        return imports.ofx(user.id(), AccountResource.parse(id), file);
    }

    /** {@code POST .../imports/csv/preview} {@code {"content": "...", "mapping": {...}}}: rows and problems. */
    @POST
    @Path("csv/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public ImportService.CsvPreview csvPreview(
            @Context User user, @PathParam("id") String id, ImportService.CsvRequest request) {
        return imports.csvPreview(user.id(), AccountResource.parse(id), request);
    }

    /** {@code POST .../imports/csv}: stores the rows, or nothing and 422 when any row has a problem. */
    @POST
    @Path("csv")
    @Consumes(MediaType.APPLICATION_JSON)
    public ImportService.ImportResult csv(
            @Context User user, @PathParam("id") String id, ImportService.CsvRequest request) {
        return imports.csv(user.id(), AccountResource.parse(id), request);
    }
}
