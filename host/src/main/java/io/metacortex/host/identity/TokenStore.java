package io.metacortex.host.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Personal access tokens in {@code metacortex.access_tokens}. A token is {@value #PREFIX} followed by 32 random
 * bytes (base64url); only its SHA-256 is stored, so it is shown once, at creation.
 */
public final class TokenStore {

    public static final String PREFIX = "mct_";
    private static final RowMapper<AccessToken> TOKEN = TokenStore::map;

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A new token: its metadata, and the secret to hand to the user once. */
    public record Issued(AccessToken token, String secret) {}

    public Issued create(UUID userId, String name, Set<Scope> scopes, Instant expiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        AccessToken token = new AccessToken(
                UUID.randomUUID(), userId, name, Set.copyOf(scopes), expiresAt, clock.instant(), null, null);
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO metacortex.access_tokens (id, user_id, name, token_hash, scopes, expires_at, created_at)
                VALUES (:id, :userId, :name, :hash, :scopes, :expiresAt, :createdAt)
                """)
                .bind("id", token.id())
                .bind("userId", userId)
                .bind("name", name)
                .bind("hash", hash(secret))
                .bind("scopes", scopes.stream().map(Scope::label).toArray(String[]::new))
                .bind("expiresAt", utc(expiresAt))
                .bind("createdAt", utc(token.createdAt()))
                .execute());
        return new Issued(token, secret);
    }

    /** @return the user's tokens that are not revoked, newest first */
    public List<AccessToken> list(UUID userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM metacortex.access_tokens WHERE user_id = :userId"
                        + " AND revoked_at IS NULL ORDER BY created_at DESC, id")
                .bind("userId", userId)
                .map(TOKEN)
                .list());
    }

    /** Revokes one of the user's tokens; @return false when the user has no such (live) token */
    public boolean revoke(UUID userId, UUID tokenId) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE metacortex.access_tokens SET revoked_at = :now"
                                + " WHERE id = :id AND user_id = :userId AND revoked_at IS NULL")
                        .bind("id", tokenId)
                        .bind("userId", userId)
                        .bind("now", utc(clock.instant()))
                        .execute())
                == 1;
    }

    /** @return the live token with this secret, if any (revoked and expired ones are not) */
    public Optional<AccessToken> findLive(String secret) {
        return jdbi.withHandle(h -> h.createQuery("UPDATE metacortex.access_tokens SET last_used_at = :now"
                        + " WHERE token_hash = :hash AND revoked_at IS NULL"
                        + " AND (expires_at IS NULL OR expires_at > :now) RETURNING *")
                .bind("hash", hash(secret))
                .bind("now", utc(clock.instant()))
                .map(TOKEN)
                .findOne());
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static AccessToken map(ResultSet rs, StatementContext ctx) throws SQLException {
        Set<Scope> scopes = new LinkedHashSet<>();
        for (String label : (String[]) rs.getArray("scopes").getArray()) {
            scopes.add(Scope.parse(label));
        }
        return new AccessToken(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("name"),
                Set.copyOf(scopes),
                UserStore.instant(rs, "expires_at"),
                UserStore.instant(rs, "created_at"),
                UserStore.instant(rs, "last_used_at"),
                UserStore.instant(rs, "revoked_at"));
    }
}
