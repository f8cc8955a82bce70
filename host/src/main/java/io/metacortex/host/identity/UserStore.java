package io.metacortex.host.identity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** The users in {@code metacortex.users}. */
public final class UserStore {

    static final RowMapper<UserAccount> USER = UserStore::map;

    private final Jdbi jdbi;
    private final Clock clock;

    public UserStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Creates a user an admin added by hand. */
    public UserAccount create(String email, String displayName, Set<String> roles, ZoneId timeZone) {
        UserAccount user = new UserAccount(
                UUID.randomUUID(), null, null, email, displayName, Set.copyOf(roles), timeZone, null, now(), null);
        jdbi.useHandle(h -> insert(h, user));
        return user;
    }

    /**
     * Finds the user an identity provider knows as {@code subject}, creating them on first sight.
     */
    public UserAccount provision(String issuer, String subject, String email, String displayName) {
        return jdbi.inTransaction(h -> {
            Optional<UserAccount> known = h.createQuery(
                            "SELECT * FROM metacortex.users WHERE issuer = :issuer" + " AND subject = :subject")
                    .bind("issuer", issuer)
                    .bind("subject", subject)
                    .map(USER)
                    .findOne();
            if (known.isPresent()) {
                return known.get();
            }
            UserAccount user = new UserAccount(
                    UUID.randomUUID(),
                    issuer,
                    subject,
                    email,
                    displayName == null || displayName.isBlank() ? (email == null ? subject : email) : displayName,
                    Set.of(UserAccount.ROLE_USER),
                    ZoneId.of("UTC"),
                    null,
                    now(),
                    null);
            insert(h, user);
            return user;
        });
    }

    public Optional<UserAccount> find(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM metacortex.users WHERE id = :id")
                .bind("id", id)
                .map(USER)
                .findOne());
    }

    public boolean emailTaken(String email) {
        return jdbi.withHandle(h -> h.createQuery(
                                "SELECT count(*) FROM metacortex.users" + " WHERE lower(email) = lower(:email)")
                        .bind("email", email)
                        .mapTo(Integer.class)
                        .one())
                > 0;
    }

    public List<UserAccount> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM metacortex.users ORDER BY created_at, id")
                .map(USER)
                .list());
    }

    /** Sets the user's display name and time zone; @return the user as stored now */
    public UserAccount updateProfile(UUID id, String displayName, ZoneId timeZone) {
        return jdbi.withHandle(h -> h.createQuery("UPDATE metacortex.users"
                        + " SET display_name = :displayName, time_zone = :timeZone WHERE id = :id RETURNING *")
                .bind("id", id)
                .bind("displayName", displayName)
                .bind("timeZone", timeZone.getId())
                .map(USER)
                .one());
    }

    /** Disables the user: their tokens stop working; their data is kept. */
    public Optional<UserAccount> disable(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("UPDATE metacortex.users"
                        + " SET disabled_at = coalesce(disabled_at, :now) WHERE id = :id RETURNING *")
                .bind("id", id)
                .bind("now", OffsetDateTime.ofInstant(now(), ZoneOffset.UTC))
                .map(USER)
                .findOne());
    }

    /** Records that the user was seen, at most once a minute per user. */
    public void seen(UUID id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE metacortex.users SET last_seen_at = :now WHERE id = :id"
                        + " AND (last_seen_at IS NULL"
                        + " OR last_seen_at < CAST(:now AS TIMESTAMPTZ) - INTERVAL '1 minute')")
                .bind("id", id)
                .bind("now", OffsetDateTime.ofInstant(now(), ZoneOffset.UTC))
                .execute());
    }

    private void insert(Handle h, UserAccount user) {
        h.createUpdate("""
                INSERT INTO metacortex.users (id, issuer, subject, email, display_name, roles, time_zone, created_at)
                VALUES (:id, :issuer, :subject, :email, :displayName, :roles, :timeZone, :createdAt)
                """)
                .bind("id", user.id())
                .bind("issuer", user.issuer())
                .bind("subject", user.subject())
                .bind("email", user.email())
                .bind("displayName", user.displayName())
                .bind("roles", user.roles().toArray(String[]::new))
                .bind("timeZone", user.timeZone().getId())
                .bind("createdAt", OffsetDateTime.ofInstant(user.createdAt(), ZoneOffset.UTC))
                .execute();
    }

    private Instant now() {
        return clock.instant();
    }

    private static UserAccount map(ResultSet rs, StatementContext ctx) throws SQLException {
        Array roles = rs.getArray("roles");
        Set<String> roleSet = new LinkedHashSet<>(List.of((String[]) roles.getArray()));
        return new UserAccount(
                rs.getObject("id", UUID.class),
                rs.getString("issuer"),
                rs.getString("subject"),
                rs.getString("email"),
                rs.getString("display_name"),
                Set.copyOf(roleSet),
                ZoneId.of(rs.getString("time_zone")),
                instant(rs, "disabled_at"),
                instant(rs, "created_at"),
                instant(rs, "last_seen_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
