package io.metacortex.finance.internal.plaid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.outbound.OutboundPolicy;
import io.metacortex.plugin.testing.TestPluginContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plaid's webhook verification against a fake serving the test's key from {@code /webhook_verification_key/get}. */
class WebhookVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String BODY = """
            {"environment": "sandbox", "initial_update_complete": true, "historical_update_complete": true,
             "item_id": "M5eVJqLnv3tbzdngLDp9FL5OlDNxlNhlE55op", "webhook_code": "SYNC_UPDATES_AVAILABLE",
             "webhook_type": "TRANSACTIONS"}""";

    private PlaidFake plaid;
    private WebhookSigner signer;
    private WebhookVerifier verifier;

    @BeforeEach
    void start() {
        plaid = new PlaidFake();
        signer = new WebhookSigner("6c5516e1-92dc-479e-a8ff-5a51992e0001");
        verifier = verifier(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        plaid.close();
    }

    private WebhookVerifier verifier(Clock clock) {
        TestPluginContext context = TestPluginContext.of("finance")
                .allowHosts("127.0.0.1")
                .outboundPolicy(OutboundPolicy.builder()
                        .backoff(Duration.ofMillis(5), Duration.ofMillis(20))
                        .build());
        PlaidClient client = new PlaidClient(
                context.http(), PlaidConfig.from(plaid.settings()).orElseThrow());
        return new WebhookVerifier(new WebhookKeys(client::webhookVerificationKey, clock), clock);
    }

    @Test
    void acceptsAWebhookSignedWithPlaidsKeyAndCachesTheKey() throws Exception {
        plaid.verificationKey(signer, null);

        verifier.verify(signer.sign(BODY, NOW.minusSeconds(30)), bytes(BODY));
        verifier.verify(signer.sign(BODY, NOW.minusSeconds(10)), bytes(BODY));

        assertThat(plaid.requests("/webhook_verification_key/get")).hasSize(1);
        assertThat(plaid.requests("/webhook_verification_key/get").get(0).getBodyAsString())
                .contains("\"key_id\":\"" + signer.keyId() + "\"");
    }

    @Test
    void refusesASignatureOfAnotherKeyUnderPlaidsKeyId() {
        plaid.verificationKey(signer, null);
        WebhookSigner forger = new WebhookSigner(signer.keyId());

        assertRefused(forger.sign(BODY, NOW), BODY, "signature is not valid");
    }

    @Test
    void refusesAKeyIdPlaidDoesNotKnow() {
        plaid.verificationKey(signer, null);
        WebhookSigner stranger = new WebhookSigner("unknown-kid");

        assertRefused(stranger.sign(BODY, NOW), BODY, "no signing key unknown-kid");
    }

    @Test
    void refusesAnIatOlderThanFiveMinutesOrInTheFuture() {
        plaid.verificationKey(signer, null);

        assertRefused(signer.sign(BODY, NOW.minus(Duration.ofMinutes(5)).minusSeconds(1)), BODY, "iat");
        assertRefused(signer.sign(BODY, NOW.plus(Duration.ofMinutes(6))), BODY, "iat");
        assertThatCode(() -> verifier.verify(signer.sign(BODY, NOW.minus(Duration.ofMinutes(5))), bytes(BODY)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesATamperedBody() {
        plaid.verificationKey(signer, null);
        String signed = signer.sign(BODY, NOW);

        assertRefused(signed, BODY.replace("SYNC_UPDATES_AVAILABLE", "DEFAULT_UPDATE"), "SHA-256");
        assertRefused(signed, BODY + " ", "SHA-256");
    }

    @Test
    void refusesOtherAlgorithmsAndMalformedTokens() {
        plaid.verificationKey(signer, null);

        assertRefused(signer.unsigned(BODY, NOW), BODY, "alg must be ES256");
        assertRefused(signer.sign("HS256", WebhookSigner.sha256Hex(BODY), NOW), BODY, "alg must be ES256");
        assertRefused(null, BODY, "header is missing");
        assertRefused("a.b", BODY, "not a signed JWT");
        assertRefused("!!!.e30.AAAA", BODY, "not base64url");
        assertRefused("e30.e30.AAAA", BODY, "alg must be ES256");
        String truncated = signer.sign(BODY, NOW);
        assertRefused(truncated.substring(0, truncated.length() - 8), BODY, "not an ES256 signature");
        assertThat(plaid.requests("/webhook_verification_key/get")).isEmpty();
    }

    @Test
    void refusesAnExpiredKey() {
        plaid.verificationKey(signer, NOW.minusSeconds(60).getEpochSecond());

        assertRefused(signer.sign(BODY, NOW), BODY, "has expired");
    }

    @Test
    void asksPlaidAgainAfterAnHourAndSeesTheKeyExpire() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        WebhookVerifier refreshing = verifier(clock);
        plaid.verificationKey(signer, null);
        refreshing.verify(signer.sign(BODY, NOW), bytes(BODY));

        plaid.verificationKey(signer, NOW.getEpochSecond());
        clock.now = NOW.plus(WebhookKeys.REFRESH).plusSeconds(1);

        assertThatThrownBy(() -> refreshing.verify(signer.sign(BODY, clock.now), bytes(BODY)))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("has expired");
        assertThat(plaid.requests("/webhook_verification_key/get")).hasSize(2);
    }

    @Test
    void aKeyPlaidCannotServeNowIsAnIoErrorSoPlaidRetriesTheWebhook() {
        plaid.server()
                .stubFor(PlaidFake.endpoint("/webhook_verification_key/get")
                        .willReturn(PlaidFake.error(500, "API_ERROR", "INTERNAL_SERVER_ERROR", "internal", null)));

        assertThatThrownBy(() -> verifier.verify(signer.sign(BODY, NOW), bytes(BODY)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aKeyThatIsNotP256IsRefused() {
        plaid.server()
                .stubFor(PlaidFake.endpoint("/webhook_verification_key/get")
                        .willReturn(PlaidFake.json(
                                200,
                                "{\"key\": {\"kty\": \"RSA\", \"kid\": \"" + signer.keyId()
                                        + "\", \"n\": \"AQAB\", \"e\": \"AQAB\"}}")));

        assertRefused(signer.sign(BODY, NOW), BODY, "not an ES256 P-256 key");
    }

    @Test
    void aJwkWithBadCoordinatesIsRefused() {
        assertThatThrownBy(
                        () -> WebhookKeys.publicKey(PlaidClient.JSON.valueToTree(Map.of("x", "***", "y", "AA")), "k"))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("not a valid P-256 key");
    }

    private void assertRefused(String jwt, String body, String reason) {
        assertThatThrownBy(() -> verifier.verify(jwt, bytes(body)))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining(reason);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** A clock a test moves. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
