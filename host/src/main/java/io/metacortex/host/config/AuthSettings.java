package io.metacortex.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Authentication: the OpenID Connect provider whose JWTs are accepted, and limits on failed attempts. */
public class AuthSettings {

    @Valid
    private OidcSettings oidc;

    @Min(1)
    private int failedAttemptsPerMinute = 20;

    @NotNull
    private Duration tokenCacheTtl = Duration.seconds(30);

    /** The identity provider, or null when only personal access tokens (and the bootstrap token) are accepted. */
    @JsonProperty
    public OidcSettings getOidc() {
        return oidc;
    }

    @JsonProperty
    public void setOidc(OidcSettings oidc) {
        this.oidc = oidc;
    }

    /** Failed authentications a client (IP address) may make per minute before it gets 429. */
    @JsonProperty
    public int getFailedAttemptsPerMinute() {
        return failedAttemptsPerMinute;
    }

    @JsonProperty
    public void setFailedAttemptsPerMinute(int failedAttemptsPerMinute) {
        this.failedAttemptsPerMinute = failedAttemptsPerMinute;
    }

    /** How long a verified access token is trusted without asking the database again (revocation clears it). */
    @JsonProperty
    public Duration getTokenCacheTtl() {
        return tokenCacheTtl;
    }

    @JsonProperty
    public void setTokenCacheTtl(Duration tokenCacheTtl) {
        this.tokenCacheTtl = tokenCacheTtl;
    }
}
