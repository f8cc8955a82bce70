package io.metacortex.notes.internal;

import io.metacortex.plugin.api.User;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/** Callers as the host would inject them: two ordinary users whose notes must stay apart. */
final class TestUsers {

    static final User ALICE = user("alice@example.com", "Alice");
    static final User BOB = user("bob@example.com", "Bob");

    private TestUsers() {
    }

    static User user(String email, String displayName) {
        return new TestUser(UUID.randomUUID(), email, displayName, Set.of(User.ROLE_USER), ZoneId.of("UTC"));
    }

    private record TestUser(UUID id, String email, String displayName, Set<String> roles, ZoneId timeZone)
            implements User {
    }
}
