package io.metacortex.host.identity;

import io.metacortex.host.audit.Audited;
import io.metacortex.host.errors.HostException;
import io.metacortex.host.errors.ValidationException;
import io.metacortex.plugin.api.User;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** {@code /api/me}: the caller's profile and personal access tokens. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {

    private final TokenStore tokens;
    private final TokenIssuer issuer;
    private final UserStore users;
    private final Authenticator authenticator;

    public MeResource(TokenStore tokens, TokenIssuer issuer, UserStore users, Authenticator authenticator) {
        this.tokens = tokens;
        this.issuer = issuer;
        this.users = users;
        this.authenticator = authenticator;
    }

    /** The body of a profile update: the fields to change, the others left out. */
    public record ProfileUpdate(
            @Schema(minLength = 1, maxLength = 200) String displayName,

            @Schema(description = "An IANA time zone", example = "Europe/Berlin")
            String timeZone) {}

    @GET
    @Operation(operationId = "get", summary = "The caller")
    public UserView me(@Context User user) {
        return UserView.of((UserAccount) user);
    }

    /**
     * Changes the caller's display name and/or time zone; plugins see the new time zone (for "today") from the next
     * request on.
     */
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited("profile.update")
    @Operation(summary = "Changes the caller's display name and/or time zone")
    public UserView update(@Context User user, ProfileUpdate body) {
        if (body == null || (body.displayName() == null && body.timeZone() == null)) {
            throw new ValidationException(Map.of("body", "send {\"displayName\"} and/or {\"timeZone\"}"));
        }
        Map<String, String> errors = new TreeMap<>();
        String name =
                body.displayName() == null ? user.displayName() : ProfileFields.displayName(body.displayName(), errors);
        ZoneId zone = body.timeZone() == null ? user.timeZone() : ProfileFields.timeZone(body.timeZone(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        UserAccount updated = users.updateProfile(user.id(), name, zone);
        authenticator.forgetCached();
        return UserView.of(updated);
    }

    @GET
    @Path("tokens")
    @Operation(operationId = "listTokens", summary = "The caller's live personal access tokens, never their secrets")
    public List<TokenView> tokens(@Context User user) {
        return tokens.list(user.id()).stream().map(TokenView::of).toList();
    }

    /** Creates a token; the answer is the only time its secret is shown. */
    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited("token.create")
    @Operation(operationId = "createToken", summary = "Creates a personal access token")
    @ApiResponse(
            responseCode = "201",
            description = "Created: the token, its secret shown this once",
            content = @Content(schema = @Schema(implementation = TokenView.class)))
    public Response create(@Context User user, TokenRequest body) {
        return Response.status(Response.Status.CREATED)
                .entity(issuer.issue((UserAccount) user, body))
                .build();
    }

    @DELETE
    @Path("tokens/{id}")
    @Audited("token.revoke")
    @Operation(operationId = "revokeToken", summary = "Revokes one of the caller's tokens")
    @ApiResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@Context User user, @PathParam("id") String id) {
        UUID tokenId;
        try {
            tokenId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
        if (!issuer.revoke((UserAccount) user, tokenId)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    private static HostException notFound(String id) {
        return new HostException(Response.Status.NOT_FOUND, "token not found", "You have no live token '" + id + "'.");
    }
}
