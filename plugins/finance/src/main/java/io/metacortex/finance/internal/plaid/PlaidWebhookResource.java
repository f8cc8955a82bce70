package io.metacortex.finance.internal.plaid;

import io.metacortex.plugin.api.PublicRoute;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/finance/plaid/webhook}, public (Plaid has no MetaCortex token): every webhook is verified first
 * ({@link WebhookVerifier}); one that is not is answered 401 and changes nothing. The body is read raw, as its SHA-256
 * is part of what Plaid signed.
 */
@Path("plaid/webhook")
@PublicRoute
@Produces(MediaType.APPLICATION_JSON)
public class PlaidWebhookResource {

    private static final Logger LOG = LoggerFactory.getLogger(PlaidWebhookResource.class);

    private final Optional<PlaidWebhooks> webhooks;

    PlaidWebhookResource(Optional<PlaidWebhooks> webhooks) {
        this.webhooks = webhooks;
    }

    /** 200 {@code {"effect": ...}}; 401 when not verified; 503 when Plaid's key could not be fetched. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Map<String, String> receive(@HeaderParam("Plaid-Verification") String verification, byte[] body) {
        PlaidWebhooks handler = webhooks.orElseThrow(PlaidErrors::notConfigured);
        try {
            return Map.of(
                    "effect",
                    handler.handle(verification, body == null ? new byte[0] : body)
                            .name());
        } catch (WebhookRejectedException e) {
            LOG.warn("Plaid webhook refused: {}", e.getMessage());
            throw new ApiException(401, new ApiError("webhook not verified", e.getMessage(), null));
        } catch (IOException e) {
            throw PlaidErrors.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlaidErrors.of(new IOException("interrupted"));
        }
    }
}
