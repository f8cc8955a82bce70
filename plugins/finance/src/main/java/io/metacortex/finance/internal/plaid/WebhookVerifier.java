package io.metacortex.finance.internal.plaid;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Verifies a webhook as Plaid documents it: the {@code Plaid-Verification} header is a JWS whose header names
 * {@code alg} {@code ES256} (anything else, {@code none} and {@code HS256} included, is refused) and the {@code kid} of
 * a key from {@code /webhook_verification_key/get} ({@link WebhookKeys}); the signature is checked with that key
 * (JWS's raw {@code R||S} form, {@code SHA256withECDSAinP1363Format}); its {@code iat} is at most five minutes old; and
 * the claim {@code request_body_sha256} equals the SHA-256 (hex) of the raw body, compared in constant time. Written
 * on the JDK's {@code java.security} rather than a JOSE library: the host's code check refuses Nimbus's packages in a
 * plugin (the host uses its own copy), and the two checks Plaid asks for are a few lines.
 */
final class WebhookVerifier {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final WebhookKeys keys;
    private final Clock clock;

    WebhookVerifier(WebhookKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * @throws WebhookRejectedException when the webhook is not proven to come from Plaid with this body
     * @throws IOException when Plaid's key could not be fetched
     */
    void verify(String jwt, byte[] body) throws WebhookRejectedException, IOException, InterruptedException {
        if (jwt == null || jwt.isBlank()) {
            throw new WebhookRejectedException("the Plaid-Verification header is missing");
        }
        String[] parts = jwt.trim().split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new WebhookRejectedException("the Plaid-Verification header is not a signed JWT");
        }
        JsonNode header = decodeJson(parts[0], "header");
        String alg = header.path("alg").asText("");
        if (!"ES256".equals(alg)) {
            throw new WebhookRejectedException("the JWT's alg must be ES256");
        }
        String keyId = header.path("kid").asText("");
        if (keyId.isEmpty()) {
            throw new WebhookRejectedException("the JWT names no key (kid)");
        }
        byte[] signature = decode(parts[2], "signature");
        if (signature.length != 64) {
            throw new WebhookRejectedException("the JWT's signature is not an ES256 signature");
        }
        if (!signatureValid(keys, keyId, parts[0] + "." + parts[1], signature)) {
            throw new WebhookRejectedException("the JWT's signature is not valid");
        }
        JsonNode claims = decodeJson(parts[1], "claims");
        JsonNode iat = claims.path("iat");
        Instant now = clock.instant();
        if (!iat.canConvertToLong()) {
            throw new WebhookRejectedException("the JWT has no iat");
        }
        Instant issued = Instant.ofEpochSecond(iat.asLong());
        if (issued.isBefore(now.minus(MAX_AGE)) || issued.isAfter(now.plus(MAX_AGE))) {
            throw new WebhookRejectedException("the JWT's iat is more than 5 minutes away from now");
        }
        String claimed = claims.path("request_body_sha256").asText("").toLowerCase(Locale.ROOT);
        String actual = HexFormat.of().formatHex(sha256(body));
        if (!MessageDigest.isEqual(
                claimed.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII))) {
            throw new WebhookRejectedException("the body's SHA-256 is not the one signed");
        }
    }

    private static boolean signatureValid(WebhookKeys keys, String keyId, String signed, byte[] signature)
            throws WebhookRejectedException, IOException, InterruptedException {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(keys.key(keyId));
            verifier.update(signed.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static JsonNode decodeJson(String part, String what) throws WebhookRejectedException {
        try {
            JsonNode node = PlaidClient.JSON.readTree(decode(part, what));
            if (node == null || !node.isObject()) {
                throw new WebhookRejectedException("the JWT's " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new WebhookRejectedException("the JWT's " + what + " is not JSON");
        }
    }

    private static byte[] decode(String part, String what) throws WebhookRejectedException {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new WebhookRejectedException("the JWT's " + what + " is not base64url");
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }
}
