package io.metacortex.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * The keys that encrypt plugins' secrets: AES-256 keys (32 bytes, base64) by key id, and the id new secrets are
 * encrypted with. {@code METACORTEX_SECRET_KEYS} ({@code k1:<base64>,k2:<base64>}) and
 * {@code METACORTEX_SECRET_CURRENT_KEY} override the file. With no key at all, one is generated at first start
 * into {@code <dataDirectory>/secret-keys}.
 */
public class SecretsSettings {

    @NotNull
    private Map<String, String> keys = Map.of();

    private String currentKey;

    /** Base64 key material by key id; keep older keys here until {@code POST /admin/secrets/reencrypt} ran. */
    @JsonProperty
    public Map<String, String> getKeys() {
        return keys;
    }

    @JsonProperty
    public void setKeys(Map<String, String> keys) {
        this.keys = keys;
    }

    /** The key id new secrets are encrypted with; may be left out when there is one key. */
    @JsonProperty
    public String getCurrentKey() {
        return currentKey;
    }

    @JsonProperty
    public void setCurrentKey(String currentKey) {
        this.currentKey = currentKey;
    }
}
