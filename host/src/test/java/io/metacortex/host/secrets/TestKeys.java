package io.metacortex.host.secrets;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fixed test keys: {@code k1} and {@code k2}, and boxes holding them. */
final class TestKeys {

    static final String K1 = base64(1);
    static final String K2 = base64(2);

    private TestKeys() {}

    /** @param idsAndKeys key id, base64 key, key id, base64 key... */
    static SecretKeys keys(String current, String... idsAndKeys) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < idsAndKeys.length; i += 2) {
            keys.put(idsAndKeys[i], idsAndKeys[i + 1]);
        }
        return SecretKeys.of(keys, current, "test");
    }

    static String base64(int fill) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (fill * 31 + i);
        }
        return Base64.getEncoder().encodeToString(key);
    }
}
