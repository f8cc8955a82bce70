package io.metacortex.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The bootstrap admin token, for first setup: it works on {@code /admin/**} only. {@code METACORTEX_ADMIN_TOKEN}
 * overrides the file; with neither, a token is generated at first start, kept in the data directory and printed
 * once in the log.
 */
public class AdminSettings {

    private String token;

    private boolean bootstrapTokenEnabled = true;

    @JsonProperty
    public String getToken() {
        return token;
    }

    @JsonProperty
    public void setToken(String token) {
        this.token = token;
    }

    /** Whether the bootstrap token is accepted; turn it off once real admin users exist. */
    @JsonProperty
    public boolean isBootstrapTokenEnabled() {
        return bootstrapTokenEnabled;
    }

    @JsonProperty
    public void setBootstrapTokenEnabled(boolean bootstrapTokenEnabled) {
        this.bootstrapTokenEnabled = bootstrapTokenEnabled;
    }
}
