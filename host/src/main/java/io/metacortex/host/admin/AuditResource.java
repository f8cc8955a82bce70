package io.metacortex.host.admin;

import io.metacortex.host.audit.AuditLog;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The audit trail, newest first, a page at a time. */
@AdminOnly
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {

    private static final int MAX_LIMIT = 500;

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    /** A page of entries; pass {@code nextBefore} as {@code before} for the next one (null: no more). */
    public record Page(List<AuditLog.Entry> items, Long nextBefore) {}

    @GET
    public Page page(
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
                            description = "The previous page's nextBefore; absent for the newest entries",
                            schema = @Schema(type = "integer", minimum = "1", maximum = "" + Integer.MAX_VALUE))
                    @QueryParam("before")
                    String before,
            @Parameter(description = "Only this action, e.g. plugin.install") @QueryParam("action") String action,
            @Parameter(description = "Only this actor") @QueryParam("actor") String actor) {
        int size = (int) QueryNumbers.wholeNumber("limit", limit, 1, MAX_LIMIT);
        Long beforeId = before == null ? null : QueryNumbers.wholeNumber("before", before, 1, Integer.MAX_VALUE);
        List<AuditLog.Entry> items = audit.page(beforeId, action, actor, size);
        return new Page(
                items, items.size() < size ? null : items.get(items.size() - 1).id());
    }
}
