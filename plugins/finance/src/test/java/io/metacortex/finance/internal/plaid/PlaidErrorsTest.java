package io.metacortex.finance.internal.plaid;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.plugin.api.RetriesExhaustedException;
import io.metacortex.plugin.support.ApiException;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plaid's error object as the API's errors. */
class PlaidErrorsTest {

    @Test
    void itemLoginRequiredIs409WithPlaidsDisplayMessage() {
        ApiException error = map(400, "ITEM_ERROR", "ITEM_LOGIN_REQUIRED", "Please log in to your bank again.");

        assertThat(error.getResponse().getStatus()).isEqualTo(409);
        assertThat(error.error().error()).isEqualTo("bank login required");
        assertThat(error.error().detail()).isEqualTo("Please log in to your bank again.");
        assertThat(map(400, "ITEM_ERROR", "ITEM_LOGIN_REQUIRED", null).error().detail())
                .contains("reconnect this item through Plaid Link");
    }

    @Test
    void anInvalidPublicTokenIs422NamingTheField() {
        ApiException error = map(400, "INVALID_INPUT", "INVALID_PUBLIC_TOKEN", null);

        assertThat(error.getResponse().getStatus()).isEqualTo(422);
        assertThat(error.error().fields()).containsOnlyKeys("publicToken");
    }

    @Test
    void plaidsOwnFailuresAre503AndItsRefusals502WithTheRequestId() {
        assertThat(map(429, "RATE_LIMIT_EXCEEDED", "TRANSACTIONS_SYNC_LIMIT", null)
                        .getResponse()
                        .getStatus())
                .isEqualTo(503);
        ApiException internal = map(500, "API_ERROR", "INTERNAL_SERVER_ERROR", null);
        assertThat(internal.getResponse().getStatus()).isEqualTo(503);
        assertThat(internal.error().detail()).contains("HNTDNrA8F1shFEW");
        ApiException refused = map(400, "INVALID_REQUEST", "MISSING_FIELDS", "Something is off.");
        assertThat(refused.getResponse().getStatus()).isEqualTo(502);
        assertThat(refused.error().detail()).startsWith("Something is off.").contains("MISSING_FIELDS");
    }

    @Test
    void anAnswerThatIsNotPlaidsErrorObjectIsAnApiError() {
        PlaidError error = PlaidError.of(502, null);

        assertThat(error.errorType()).isEqualTo("API_ERROR");
        assertThat(error.transientFailure()).isTrue();
        assertThat(PlaidError.of(404, PlaidClient.JSON.valueToTree(Map.of("x", 1)))
                        .errorCode())
                .isEqualTo("UNEXPECTED_RESPONSE");
    }

    @Test
    void unreachableOrRateLimitedAfterRetriesIs503() {
        assertThat(PlaidErrors.of(new IOException("connect")).getResponse().getStatus())
                .isEqualTo(503);
        ApiException limited =
                PlaidErrors.of(new RetriesExhaustedException("sandbox.plaid.com", 3, 429, null, "still 429", null));
        assertThat(limited.getResponse().getStatus()).isEqualTo(503);
        assertThat(limited.error().detail()).contains("rate limit");
    }

    private static ApiException map(int status, String type, String code, String display) {
        PlaidError error = new PlaidError(status, type, code, "developer message", display, "HNTDNrA8F1shFEW");
        return PlaidErrors.of(new PlaidApiException("/transactions/sync", error));
    }
}
