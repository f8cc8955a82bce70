package io.metacortex.tasks.internal;

import io.metacortex.plugin.api.User;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/** Callers as the host would inject them: ordinary users whose tasks must stay apart. */
final class TestUsers {

    static final User ALICE = user("alice@example.com", "Alice");
    static final User BOB = user("bob@example.com", "Bob");
    /** A third user, to whom nothing is delegated. */
    static final User CAROL = user("carol@example.com", "Carol");
    /** Every user above exists, for the delegation's check of the assignee. */
    static final Set<UUID> EXISTING = Set.of(ALICE.id(), BOB.id(), CAROL.id());

    private TestUsers() {
    }

    static User user(String email, String displayName) {
        return new TestUser(UUID.randomUUID(), email, displayName, Set.of(User.ROLE_USER), ZoneId.of("UTC"));
    }

    private record TestUser(UUID id, String email, String displayName, Set<String> roles, ZoneId timeZone)
            implements User {
    }
}
