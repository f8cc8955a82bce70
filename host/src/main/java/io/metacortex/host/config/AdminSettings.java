package io.metacortex.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The admin API's bearer token. {@code METACORTEX_ADMIN_TOKEN} overrides the file; with neither, a token is
 * generated at first start, kept in the data directory and printed once in the log.
 */
public class AdminSettings {

    private String token;

    @JsonProperty
    public String getToken() {
        return token;
    }

    @JsonProperty
    public void setToken(String token) {
        this.token = token;
    }
}
