package io.metacortex.finance.internal;

import io.metacortex.plugin.api.User;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/finance/reports}. */
@Path("reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final SpendingReport report;

    public ReportResource(SpendingReport report) {
        this.report = report;
    }

    /** {@code GET /api/finance/reports/spending?from=&to=&groupBy=category|month}: per currency. */
    @GET
    @Path("spending")
    public SpendingReport.Report spending(
            @Context User user,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("groupBy") String groupBy) {
        return report.spending(user.id(), from, to, groupBy);
    }
}
