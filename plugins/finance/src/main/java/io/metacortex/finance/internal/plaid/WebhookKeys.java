package io.metacortex.finance.internal.plaid;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plaid's webhook signing keys, fetched by key id ({@code kid}) from {@code /webhook_verification_key/get} and cached
 * by it. A key Plaid reports as expired ({@code expired_at} set and past) is refused; a cached key that was valid is
 * asked for again after {@link #REFRESH}, so that an expiry Plaid announced later is seen.
 */
final class WebhookKeys {

    static final Duration REFRESH = Duration.ofHours(1);

    /** A key as last fetched. */
    private record Cached(ECPublicKey key, Instant expiredAt, Instant fetchedAt) {}

    /** Where keys come from: Plaid's endpoint in production. */
    interface Source {
        JsonNode fetch(String keyId) throws IOException, InterruptedException, PlaidApiException;
    }

    private final Source source;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    WebhookKeys(Source source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /**
     * @return the public key of {@code keyId}
     * @throws WebhookRejectedException when Plaid knows no such key, it is not an ES256 P-256 key, or it expired
     * @throws IOException when Plaid could not be asked (the webhook should be answered with a retryable status)
     */
    ECPublicKey key(String keyId) throws WebhookRejectedException, IOException, InterruptedException {
        Instant now = clock.instant();
        Cached cached = cache.get(keyId);
        if (cached == null
                || (cached.expiredAt() == null
                        && cached.fetchedAt().plus(REFRESH).isBefore(now))) {
            cached = fetch(keyId, now);
            cache.put(keyId, cached);
        }
        if (cached.expiredAt() != null && !cached.expiredAt().isAfter(now)) {
            throw new WebhookRejectedException("the signing key " + keyId + " has expired");
        }
        return cached.key();
    }

    private Cached fetch(String keyId, Instant now) throws WebhookRejectedException, IOException, InterruptedException {
        JsonNode jwk;
        try {
            jwk = source.fetch(keyId);
        } catch (PlaidApiException e) {
            if (e.error().transientFailure()) {
                throw new IOException(
                        "Plaid could not give the webhook key: " + e.error().summary(), e);
            }
            throw new WebhookRejectedException("Plaid knows no signing key " + keyId);
        }
        if (!"EC".equals(jwk.path("kty").asText())
                || !"P-256".equals(jwk.path("crv").asText())
                || !"ES256".equals(jwk.path("alg").asText("ES256"))) {
            throw new WebhookRejectedException("the signing key " + keyId + " is not an ES256 P-256 key");
        }
        Instant expiredAt = jwk.path("expired_at").isNumber()
                ? Instant.ofEpochSecond(jwk.path("expired_at").asLong())
                : null;
        return new Cached(publicKey(jwk, keyId), expiredAt, now);
    }

    /** The P-256 public key of a JWK's {@code x} and {@code y} (base64url, unsigned big-endian). */
    static ECPublicKey publicKey(JsonNode jwk, String keyId) throws WebhookRejectedException {
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            BigInteger x = new BigInteger(1, base64.decode(jwk.path("x").asText()));
            BigInteger y = new BigInteger(1, base64.decode(jwk.path("y").asText()));
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
            return (ECPublicKey)
                    KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), curve));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WebhookRejectedException("the signing key " + keyId + " is not a valid P-256 key");
        }
    }
}
