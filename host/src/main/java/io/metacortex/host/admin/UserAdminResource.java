package io.metacortex.host.admin;

import io.metacortex.host.audit.Audited;
import io.metacortex.host.errors.HostException;
import io.metacortex.host.errors.ValidationException;
import io.metacortex.host.identity.Authenticator;
import io.metacortex.host.identity.ProfileFields;
import io.metacortex.host.identity.TokenIssuer;
import io.metacortex.host.identity.TokenRequest;
import io.metacortex.host.identity.TokenView;
import io.metacortex.host.identity.UserAccount;
import io.metacortex.host.identity.UserStore;
import io.metacortex.host.identity.UserView;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/** Users managed by admins, for installations without an identity provider (and for service accounts). */
@AdminOnly
@Path("/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UserAdminResource {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> ROLES = Set.of(UserAccount.ROLE_ADMIN, UserAccount.ROLE_USER);

    private final UserStore users;
    private final TokenIssuer tokens;
    private final Authenticator authenticator;

    public UserAdminResource(UserStore users, TokenIssuer tokens, Authenticator authenticator) {
        this.users = users;
        this.tokens = tokens;
        this.authenticator = authenticator;
    }

    /** The body of a user creation. */
    public record NewUser(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "email")
            String email,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 200)
            String displayName,

            @ArraySchema(
                    schema = @Schema(allowableValues = {UserAccount.ROLE_ADMIN, UserAccount.ROLE_USER}),
                    arraySchema = @Schema(description = "user when absent; every user has the role user"))
            List<String> roles,

            @Schema(description = "An IANA time zone; UTC when absent", example = "Europe/Berlin")
            String timeZone) {}

    @GET
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @POST
    @Audited("user.create")
    @ApiResponse(
            responseCode = "201",
            description = "Created: the user",
            headers =
                    @Header(
                            name = "Location",
                            description = "The user's URL",
                            schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = UserView.class)))
    public Response create(NewUser body) {
        if (body == null) {
            throw new ValidationException(Map.of("body", "send {\"email\", \"displayName\", \"roles\", \"timeZone\"}"));
        }
        Map<String, String> fields = new TreeMap<>();
        String email = body.email() == null ? null : body.email().trim();
        if (email == null || !EMAIL.matcher(email).matches() || email.length() > 254) {
            fields.put("email", "must be an e-mail address");
        }
        String name = ProfileFields.displayName(body.displayName(), fields);
        Set<String> roles = new LinkedHashSet<>(body.roles() == null ? List.of(UserAccount.ROLE_USER) : body.roles());
        if (roles.isEmpty() || !ROLES.containsAll(roles)) {
            fields.put("roles", "must be one or more of admin, user");
        }
        ZoneId zone = body.timeZone() == null ? ZoneId.of("UTC") : ProfileFields.timeZone(body.timeZone(), fields);
        if (!fields.isEmpty()) {
            throw new ValidationException(fields);
        }
        if (users.emailTaken(email)) {
            throw new HostException(
                    Response.Status.CONFLICT, "user exists", "A user with e-mail " + email + " exists already.");
        }
        roles.add(UserAccount.ROLE_USER);
        UserView created = UserView.of(users.create(email, name, roles, zone));
        return Response.created(URI.create("/admin/users/" + created.id()))
                .entity(created)
                .build();
    }

    @GET
    @Path("{id}")
    public UserView get(@PathParam("id") String id) {
        return UserView.of(require(id));
    }

    /** Disables the user: their tokens stop working at once; their data is kept. */
    @DELETE
    @Path("{id}")
    @Audited("user.disable")
    @ApiResponse(responseCode = "204", description = "Disabled")
    public Response disable(@PathParam("id") String id) {
        users.disable(require(id).id());
        authenticator.forgetCached();
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/tokens")
    @Audited("token.create")
    @ApiResponse(
            responseCode = "201",
            description = "Created: the token, its secret shown this once",
            content = @Content(schema = @Schema(implementation = TokenView.class)))
    public Response createToken(@PathParam("id") String id, TokenRequest body) {
        UserAccount user = require(id);
        if (user.disabled()) {
            throw new HostException(Response.Status.CONFLICT, "user disabled", "User " + id + " is disabled.");
        }
        TokenView token = tokens.issue(user, body);
        return Response.status(Response.Status.CREATED).entity(token).build();
    }

    private UserAccount require(String id) {
        try {
            return users.find(UUID.fromString(id)).orElseThrow(() -> notFound(id));
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static HostException notFound(String id) {
        return new HostException(Response.Status.NOT_FOUND, "user not found", "No user with id '" + id + "'.");
    }
}
