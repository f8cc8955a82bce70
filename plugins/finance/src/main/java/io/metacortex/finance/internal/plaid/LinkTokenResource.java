package io.metacortex.finance.internal.plaid;

import io.metacortex.plugin.api.User;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Optional;

/** {@code POST /api/finance/link-token}: a Plaid Link token for the caller (Plaid's {@code client_user_id} is their id). */
@Path("link-token")
@Produces(MediaType.APPLICATION_JSON)
public class LinkTokenResource {

    private final Optional<PlaidItems> items;

    LinkTokenResource(Optional<PlaidItems> items) {
        this.items = items;
    }

    /** 200 {@code {"linkToken", "expiration"}}; 503 without Plaid settings or when Plaid is unavailable. */
    @POST
    public Map<String, String> create(@Context User user) {
        return items.orElseThrow(PlaidErrors::notConfigured).linkToken(user.id());
    }
}
