package io.metacortex.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.Optional;

/**
 * Where the database is. Without a {@code url} the host starts an embedded PostgreSQL in the data directory.
 * {@code METACORTEX_DB_URL}, {@code METACORTEX_DB_USER} and {@code METACORTEX_DB_PASSWORD} override the file.
 */
public class DatabaseSettings {

    private String url;
    private String user;
    private String password = "";

    @Min(1)
    @Max(500)
    private int maxConnections = 20;

    @NotNull
    private Duration connectTimeout = Duration.seconds(5);

    private boolean pluginRoles = true;

    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url;
    }

    @JsonProperty
    public String getUser() {
        return user;
    }

    @JsonProperty
    public void setUser(String user) {
        this.user = user;
    }

    @JsonProperty
    public String getPassword() {
        return password;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password;
    }

    @JsonProperty
    public int getMaxConnections() {
        return maxConnections;
    }

    @JsonProperty
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @JsonProperty
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /**
     * Whether each plugin's database work runs as its own role ({@code plugin_<id>}, owner of its schema only).
     * Needs a database user with CREATEROLE (the embedded server's has it).
     */
    @JsonProperty
    public boolean isPluginRoles() {
        return pluginRoles;
    }

    @JsonProperty
    public void setPluginRoles(boolean pluginRoles) {
        this.pluginRoles = pluginRoles;
    }

    /** @return the external database URL, after environment overrides; empty for the embedded server */
    public Optional<String> externalUrl(Map<String, String> env) {
        return nonBlank(env.get("METACORTEX_DB_URL")).or(() -> nonBlank(url));
    }

    public String userOr(Map<String, String> env, String fallback) {
        return nonBlank(env.get("METACORTEX_DB_USER")).or(() -> nonBlank(user)).orElse(fallback);
    }

    public String passwordOr(Map<String, String> env) {
        return nonBlank(env.get("METACORTEX_DB_PASSWORD")).orElse(password == null ? "" : password);
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
