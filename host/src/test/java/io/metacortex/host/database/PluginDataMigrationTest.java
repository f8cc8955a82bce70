package io.metacortex.host.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upgrade's data migration runs as the plugin's role, which its tables' FORCE ROW LEVEL SECURITY binds, outside of
 * any user's request: it still changes every user's rows (as tasks 1.2.0's V4 and V5 must, over 1.1.0's tasks), and
 * the policies hold again afterwards.
 */
class PluginDataMigrationTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @Test
    void anUpgradesDataMigrationChangesEveryUsersRowsAndRowLevelSecurityHoldsAgain() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        String other = RUNNING.host().createUserWithToken("other@example.com", "Other User");
        assertThat(note(RUNNING.host().userToken(), "mine").status()).isEqualTo(201);
        assertThat(note(other, "theirs").status()).isEqualTo(201);

        Reply upgrade = RUNNING.host()
                .upgrade("sample", Fixtures.asVersion(Fixtures.SAMPLE_V1, "1.1.0", Map.of("V2__shout.sql", """
                        ALTER TABLE notes ADD COLUMN shout TEXT;
                        UPDATE notes SET shout = upper(text);
                        ALTER TABLE notes ALTER COLUMN shout SET NOT NULL;
                        """)));

        assertThat(upgrade.status()).as(upgrade.body()).isEqualTo(200);
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT shout FROM plugin_sample.notes ORDER BY id"))
                .containsExactly("MINE", "THEIRS");
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT relforcerowsecurity FROM pg_class" + " WHERE oid = 'plugin_sample.notes'::regclass"))
                .containsExactly("t");
        Reply mine = RUNNING.host()
                .send(HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/notes"))
                        .header("Authorization", "Bearer " + other)
                        .GET());
        assertThat(mine.body()).contains("theirs").doesNotContain("mine");
    }

    private static Reply note(String token, String text) {
        return RUNNING.host()
                .send(HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/notes"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(text)));
    }
}
