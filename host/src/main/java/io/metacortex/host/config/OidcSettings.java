package io.metacortex.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** An OpenID Connect provider (Clerk, Auth0, Keycloak...) whose signed JWTs authenticate users. */
public class OidcSettings {

    @NotBlank
    private String issuer;

    @NotBlank
    private String audience;

    @NotBlank
    private String jwksUrl;

    @NotNull
    private Duration jwksCacheTtl = Duration.minutes(15);

    @NotNull
    private Duration clockSkew = Duration.seconds(60);

    @NotNull
    private Duration jwksMinRefreshInterval = Duration.seconds(30);

    /** The {@code iss} claim tokens must carry, e.g. https://example.eu.auth0.com/ */
    @JsonProperty
    public String getIssuer() {
        return issuer;
    }

    @JsonProperty
    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    /** The {@code aud} value tokens must carry for MetaCortex. */
    @JsonProperty
    public String getAudience() {
        return audience;
    }

    @JsonProperty
    public void setAudience(String audience) {
        this.audience = audience;
    }

    /** Where the provider publishes its signing keys; refetched on an unknown key id. */
    @JsonProperty
    public String getJwksUrl() {
        return jwksUrl;
    }

    @JsonProperty
    public void setJwksUrl(String jwksUrl) {
        this.jwksUrl = jwksUrl;
    }

    @JsonProperty
    public Duration getJwksCacheTtl() {
        return jwksCacheTtl;
    }

    @JsonProperty
    public void setJwksCacheTtl(Duration jwksCacheTtl) {
        this.jwksCacheTtl = jwksCacheTtl;
    }

    /** The least time between two fetches of the key set, so unknown key ids cannot flood the provider; 0 off. */
    @JsonProperty
    public Duration getJwksMinRefreshInterval() {
        return jwksMinRefreshInterval;
    }

    @JsonProperty
    public void setJwksMinRefreshInterval(Duration jwksMinRefreshInterval) {
        this.jwksMinRefreshInterval = jwksMinRefreshInterval;
    }

    /** Tolerance for expiry and not-before checks. */
    @JsonProperty
    public Duration getClockSkew() {
        return clockSkew;
    }

    @JsonProperty
    public void setClockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }
}
