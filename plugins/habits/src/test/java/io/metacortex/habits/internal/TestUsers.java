package io.metacortex.habits.internal;

import io.metacortex.plugin.api.User;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/** Callers as the host would inject them: users whose habits must stay apart, in the time zones they chose. */
final class TestUsers {

    static final User ALICE = user("alice@example.com", "Alice", "UTC");
    static final User BOB = user("bob@example.com", "Bob", "UTC");

    private TestUsers() {
    }

    static User user(String email, String displayName, String zone) {
        return new TestUser(UUID.randomUUID(), email, displayName, Set.of(User.ROLE_USER), ZoneId.of(zone));
    }

    /** @return the same user (same id) in another time zone, as after they changed it */
    static User inZone(User user, String zone) {
        return new TestUser(user.id(), user.email(), user.displayName(), user.roles(), ZoneId.of(zone));
    }

    private record TestUser(UUID id, String email, String displayName, Set<String> roles, ZoneId timeZone)
            implements User {
    }
}
