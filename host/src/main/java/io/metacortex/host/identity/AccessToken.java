package io.metacortex.host.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A personal access token's metadata; the token itself is only known when it is created. */
public record AccessToken(
        UUID id,
        UUID userId,
        String name,
        Set<Scope> scopes,
        Instant expiresAt,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {}
