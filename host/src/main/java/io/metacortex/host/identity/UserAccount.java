package io.metacortex.host.identity;

import io.metacortex.plugin.api.User;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/** A user of MetaCortex, as stored in {@code metacortex.users}; also the {@link User} plugins see. */
public record UserAccount(
        UUID id,
        String issuer,
        String subject,
        String email,
        String displayName,
        Set<String> roles,
        ZoneId timeZone,
        Instant disabledAt,
        Instant createdAt,
        Instant lastSeenAt)
        implements User {

    /** The principal of the bootstrap admin token: an admin with no row in the users table. */
    public static final UserAccount BOOTSTRAP_ADMIN = new UserAccount(
            new UUID(0, 0),
            null,
            null,
            null,
            "bootstrap admin",
            Set.of(ROLE_ADMIN),
            ZoneId.of("UTC"),
            null,
            Instant.EPOCH,
            null);

    public boolean disabled() {
        return disabledAt != null;
    }

    public boolean isBootstrapAdmin() {
        return id.equals(BOOTSTRAP_ADMIN.id());
    }
}
