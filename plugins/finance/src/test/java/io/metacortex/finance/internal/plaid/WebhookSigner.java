package io.metacortex.finance.internal.plaid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs webhooks as Plaid does (a test's stand-in for Plaid's key): an EC P-256 key pair, its JWK as {@code
 * /webhook_verification_key/get} serves it, and {@code Plaid-Verification} JWTs over a body.
 */
final class WebhookSigner {

    private final String keyId;
    private final KeyPair keys;

    WebhookSigner(String keyId) {
        this.keyId = keyId;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String keyId() {
        return keyId;
    }

    /** The JSON of {@code /webhook_verification_key/get}'s {@code key}; {@code expiredAt} null for a valid key. */
    String jwk(Long createdAt, Long expiredAt) {
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        return """
                {"alg": "ES256", "created_at": %d, "crv": "P-256", "expired_at": %s, "kid": "%s", "kty": "EC",
                 "use": "sig", "x": "%s", "y": "%s"}""".formatted(
                        createdAt,
                        expiredAt == null ? "null" : expiredAt.toString(),
                        keyId,
                        coordinate(key.getW().getAffineX().toByteArray()),
                        coordinate(key.getW().getAffineY().toByteArray()));
    }

    /** A {@code Plaid-Verification} header for {@code body} issued at {@code iat}. */
    String sign(String body, Instant iat) {
        return sign("ES256", sha256Hex(body), iat);
    }

    String sign(String alg, String bodySha256, Instant iat) {
        String header = base64("{\"alg\":\"" + alg + "\",\"kid\":\"" + keyId + "\",\"typ\":\"JWT\"}");
        String claims = base64("{\"iat\":" + iat.getEpochSecond() + ",\"request_body_sha256\":\"" + bodySha256 + "\"}");
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(keys.getPrivate());
            signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}) claiming the body. */
    String unsigned(String body, Instant iat) {
        String header = base64("{\"alg\":\"none\",\"kid\":\"" + keyId + "\"}");
        String claims =
                base64("{\"iat\":" + iat.getEpochSecond() + ",\"request_body_sha256\":\"" + sha256Hex(body) + "\"}");
        return header + "." + claims + ".";
    }

    static String sha256Hex(String body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A coordinate as a JWK writes it: 32 bytes, unsigned, big-endian. */
    private static String coordinate(byte[] twosComplement) {
        byte[] fixed = new byte[32];
        int from = Math.max(0, twosComplement.length - 32);
        int length = twosComplement.length - from;
        System.arraycopy(twosComplement, from, fixed, 32 - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(fixed, 32));
    }
}
