package io.metacortex.host.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** What a refused operation must leave as it was: the database (see {@link DatabaseSnapshot}) and the registry. */
public record HostState(DatabaseSnapshot database, String registry) {

    public static HostState of(HostExtension running) {
        return new HostState(
                DatabaseSnapshot.of(running.database()),
                running.host().admin("GET", "/admin/plugins", null).body());
    }

    /** Asserts the host is in this state again. */
    public void assertSame(HostExtension running) {
        assertThat(DatabaseSnapshot.of(running.database())).isEqualTo(database);
        assertThat(running.host().admin("GET", "/admin/plugins", null).body()).isEqualTo(registry);
    }
}
