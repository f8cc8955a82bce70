package io.metacortex.host.secrets;

import static io.metacortex.host.secrets.TestKeys.K1;
import static io.metacortex.host.secrets.TestKeys.K2;
import static io.metacortex.host.secrets.TestKeys.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretBoxTest {

    private static final String AAD = "plaid/user-1";
    private final SecretBox box = new SecretBox(keys("k1", "k1", K1));

    @Test
    void roundTripsWithTheKeyIdInTheCiphertextAndAFreshNonceEachTime() {
        String value = "access-token-✓-" + "x".repeat(5000);

        String first = box.encrypt(value, AAD);
        String second = box.encrypt(value, AAD);

        assertThat(first).startsWith("mcs1:k1:").doesNotContain("access-token");
        assertThat(second).isNotEqualTo(first);
        assertThat(box.decrypt(first, AAD)).isEqualTo(value);
        assertThat(box.decrypt(box.encrypt("", AAD), AAD)).isEmpty();
    }

    @Test
    void eachKeyIdDecryptsItsOwnCiphertexts() {
        String underK1 = new SecretBox(keys("k1", "k1", K1, "k2", K2)).encrypt("one", AAD);
        String underK2 = new SecretBox(keys("k2", "k1", K1, "k2", K2)).encrypt("two", AAD);
        SecretBox both = new SecretBox(keys("k2", "k1", K1, "k2", K2));

        assertThat(underK2).startsWith("mcs1:k2:");
        assertThat(both.decrypt(underK1, AAD)).isEqualTo("one");
        assertThat(both.decrypt(underK2, AAD)).isEqualTo("two");
        // A ciphertext claiming the other key id is refused, not decrypted with the wrong key.
        assertThatThrownBy(() -> both.decrypt(underK1.replace("mcs1:k1:", "mcs1:k2:"), AAD))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("authentication failed");
    }

    /** Payload offsets: the nonce is bytes 0-11, the ciphertext follows, the tag is the last 16 bytes. */
    @ParameterizedTest
    @ValueSource(ints = {0, 11, 12, 20, -16, -1})
    void refusesATamperedByteOfNonceCiphertextOrTag(int offset) {
        String sealed = box.encrypt("a secret of some length", AAD);
        byte[] payload = Base64.getUrlDecoder().decode(sealed.substring("mcs1:k1:".length()));
        payload[offset < 0 ? payload.length + offset : offset] ^= 0x01;
        String tampered = "mcs1:k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);

        assertThatThrownBy(() -> box.decrypt(tampered, AAD))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("authentication failed");
    }

    @Test
    void refusesOtherAssociatedData() {
        String sealed = box.encrypt("value", AAD);

        assertThatThrownBy(() -> box.decrypt(sealed, "plaid/user-2")).isInstanceOf(SecretDecryptionException.class);
        assertThatThrownBy(() -> box.decrypt(sealed, "other/user-1")).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void refusesUnknownKeyIdsAndMalformedCiphertexts() {
        String underK2 = new SecretBox(keys("k2", "k2", K2)).encrypt("value", AAD);

        assertThatThrownBy(() -> box.decrypt(underK2, AAD))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("'k2', which is not configured");
        for (String malformed :
                new String[] {"", "plaintext", "mcs2:k1:AAAA", "mcs1:k1", "mcs1:k 1:AAAA", "mcs1:k1:***", "mcs1:k1:AAAA"
                }) {
            assertThatThrownBy(() -> box.decrypt(malformed, AAD))
                    .as(malformed)
                    .isInstanceOf(SecretDecryptionException.class);
        }
    }

    @Test
    void refusesInvalidKeysAtStart() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> keys("k1", "k1", short16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Secret key 'k1' in test is 16 bytes; AES-256 needs exactly 32")
                .hasMessageNotContaining(short16);
        assertThatThrownBy(() -> keys("k1", "k1", "not base64!")).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> keys("k3", "k1", K1, "k2", K2))
                .hasMessageContaining("current secret key 'k3' is not among the keys");
        assertThatThrownBy(() -> keys(null, "k1", K1, "k2", K2)).hasMessageContaining("no current key");
        assertThatThrownBy(() -> keys("k:1", "k:1", K1)).hasMessageContaining("Invalid secret key id");
        assertThatThrownBy(() -> SecretKeys.of(Map.of(), null, "test")).hasMessageContaining("No secret key");
        assertThat(keys(null, "k1", K1).currentKeyId()).isEqualTo("k1");
    }
}
