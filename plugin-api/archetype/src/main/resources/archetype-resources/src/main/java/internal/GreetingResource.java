package ${package}.internal;

import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The plugin's routes under /api/${pluginId}, each for the calling user ({@code @Context User}: every route is
 * authenticated unless marked {@code @PublicRoute}). Another user's greeting answers 404, as one that does not exist.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class GreetingResource {

    private final Jdbi jdbi;

    public GreetingResource(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @GET
    public List<Greeting> list(@Context User user) {
        return jdbi.withExtension(GreetingDao.class, dao -> dao.list(user.id()));
    }

    @GET
    @Path("{id}")
    public Greeting get(@Context User user, @PathParam("id") String id) {
        return parseId(id)
                .flatMap(greetingId -> jdbi.withExtension(GreetingDao.class, dao -> dao.find(user.id(), greetingId)))
                .orElseThrow(() -> ApiException.notFound("greeting not found", "No greeting with id " + id + "."));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@Context User user, @NotNull @Valid NewGreeting greeting, @Context UriInfo uriInfo) {
        Greeting created = jdbi.withExtension(GreetingDao.class, dao -> dao.insert(user.id(), greeting.text()));
        return Response.created(uriInfo.getAbsolutePathBuilder()
                        .path(String.valueOf(created.id()))
                        .build())
                .entity(created)
                .build();
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
