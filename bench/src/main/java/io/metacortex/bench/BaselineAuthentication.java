package io.metacortex.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * The baseline's one user and the personal access token it accepts: {@code bench/run} passes the token and user id
 * it created on the host, so both sides are called with the same {@code Authorization} header and own the same rows.
 */
public final class BaselineAuthentication {

    @NotEmpty
    private String token;

    @NotNull
    private UUID userId;

    @JsonProperty
    public String getToken() {
        return token;
    }

    @JsonProperty
    public void setToken(String token) {
        this.token = token;
    }

    @JsonProperty
    public UUID getUserId() {
        return userId;
    }

    @JsonProperty
    public void setUserId(UUID userId) {
        this.userId = userId;
    }
}
