package io.metacortex.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The baseline's route that touches no database and no user, the counterpart of the sample plugin's
 * {@code @PublicRoute GET /api/sample/public}: a plain Dropwizard resource returning the same small map.
 */
@Path("public")
@Produces(MediaType.APPLICATION_JSON)
public final class PublicResource {

    @GET
    public Map<String, Object> open() {
        return Map.of("anonymous", true);
    }
}
