package io.metacortex.bench;

import io.metacortex.plugin.api.User;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/** The baseline's one caller, an ordinary user like the one {@code bench/run} creates on the host. */
record BenchUser(UUID id, String email, String displayName, Set<String> roles, ZoneId timeZone) implements User {

    static BenchUser withId(UUID id) {
        return new BenchUser(id, "bench@example.com", "Bench User", Set.of(User.ROLE_USER), ZoneId.of("UTC"));
    }
}
