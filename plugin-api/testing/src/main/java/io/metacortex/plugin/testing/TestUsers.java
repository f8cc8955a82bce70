package io.metacortex.plugin.testing;

import io.metacortex.plugin.api.User;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/**
 * Callers as the host would inject them ({@code @Context User}): ordinary users (role {@code user}) in UTC, each with
 * a random id, whose data must stay apart.
 */
public final class TestUsers {

    /** An ordinary user. */
    public static final User ALICE = user("alice@example.com", "Alice");
    /** Another ordinary user, who must not see Alice's data. */
    public static final User BOB = user("bob@example.com", "Bob");
    /** A third user, e.g. one to whom nothing is shared. */
    public static final User CAROL = user("carol@example.com", "Carol");
    /** The ids of the users above: a stand-in for the host's user directory where a plugin checks that one exists. */
    public static final Set<UUID> EXISTING = Set.of(ALICE.id(), BOB.id(), CAROL.id());

    private TestUsers() {}

    /** @return a new ordinary user in UTC */
    public static User user(String email, String displayName) {
        return user(email, displayName, "UTC");
    }

    /** @return a new ordinary user in the time zone {@code zone}, e.g. {@code Europe/Berlin} */
    public static User user(String email, String displayName, String zone) {
        return new TestUser(UUID.randomUUID(), email, displayName, Set.of(User.ROLE_USER), ZoneId.of(zone));
    }

    /** @return the same user (same id) in another time zone, as after they changed it */
    public static User inZone(User user, String zone) {
        return new TestUser(user.id(), user.email(), user.displayName(), user.roles(), ZoneId.of(zone));
    }

    private record TestUser(UUID id, String email, String displayName, Set<String> roles, ZoneId timeZone)
            implements User {}
}
