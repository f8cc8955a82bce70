package io.metacortex.host.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A personal access token as the API shows it; {@code token} is only present in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenView(
        UUID id,
        String name,
        List<String> scopes,
        Instant expiresAt,
        Instant createdAt,
        Instant lastUsedAt,
        String token) {

    static TokenView of(AccessToken token, String secret) {
        return new TokenView(
                token.id(),
                token.name(),
                token.scopes().stream().map(Scope::label).sorted().toList(),
                token.expiresAt(),
                token.createdAt(),
                token.lastUsedAt(),
                secret);
    }

    public static TokenView of(AccessToken token) {
        return of(token, null);
    }
}
