package io.metacortex.host.admin;

import io.metacortex.outbound.OutboundClients;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The circuit breakers of plugins' outbound HTTP: one per plugin and target host it called since the start. */
@AdminOnly
@Path("/admin/outbound")
@Produces(MediaType.APPLICATION_JSON)
public final class OutboundAdminResource {

    private final OutboundClients outbound;

    public OutboundAdminResource(OutboundClients outbound) {
        this.outbound = outbound;
    }

    /** The breakers, by plugin and host: state, failure rate over the latest calls. */
    public record Circuits(List<OutboundClients.Circuit> circuits) {}

    @GET
    public Circuits circuits() {
        return new Circuits(outbound.circuits());
    }
}
