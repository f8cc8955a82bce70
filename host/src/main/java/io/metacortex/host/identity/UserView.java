package io.metacortex.host.identity;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** A user as the API shows it. */
public record UserView(
        UUID id,
        String email,
        String displayName,
        Set<String> roles,
        String timeZone,
        boolean disabled,
        Instant createdAt,
        Instant lastSeenAt) {

    public static UserView of(UserAccount user) {
        return new UserView(
                user.id(),
                user.email(),
                user.displayName(),
                new TreeSet<>(user.roles()),
                user.timeZone().getId(),
                user.disabled(),
                user.createdAt(),
                user.lastSeenAt());
    }
}
