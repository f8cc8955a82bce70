package io.metacortex.finance.internal;

import io.metacortex.plugin.api.User;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/finance/alert-thresholds}: the caller's thresholds for alerts. */
@Path("alert-thresholds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertThresholdResource {

    private final AlertThresholds thresholds;

    public AlertThresholdResource(AlertThresholds thresholds) {
        this.thresholds = thresholds;
    }

    @GET
    public Page<AlertThresholds.Threshold> list(@Context User user) {
        return new Page<>(thresholds.list(user.id()), null);
    }

    /**
     * {@code PUT /api/finance/alert-thresholds} {@code {"kind": "low_balance", "accountId": 1, "amount": "100.00"}}
     * or {@code {"kind": "large_transaction", "currency": "EUR", "amount": "500"}}: sets or replaces.
     */
    @PUT
    public AlertThresholds.Threshold put(@Context User user, AlertThresholds.ThresholdRequest request) {
        return thresholds.put(user.id(), request);
    }

    @DELETE
    @Path("{id}")
    public void delete(@Context User user, @PathParam("id") String id) {
        thresholds.delete(
                user.id(),
                Ids.parse(
                        id,
                        i -> io.metacortex.plugin.support.ApiException.notFound(
                                "alert threshold not found", "you have no alert threshold with id " + i)));
    }
}
