package io.metacortex.host.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Defense in depth in PostgreSQL: a plugin's SQL runs as its own role, which owns its schema and nothing else, and
 * the request's user reaches the database so that row-level security can keep users apart.
 */
class PluginIsolationTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @BeforeAll
    static void install() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        assertThat(RUNNING.host()
                        .install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aPluginCannotReadTheHostsSchemaOrAnotherPluginsEvenWithHandWrittenSql() {
        assertThat(sql("SELECT count(*) AS n FROM metacortex.users")
                        .get("refused")
                        .asText())
                .contains("permission denied");
        assertThat(sql("SELECT password FROM metacortex.plugin_roles")
                        .get("refused")
                        .asText())
                .contains("permission denied");
        assertThat(sql("SELECT count(*) AS n FROM plugin_tasks.tasks")
                        .get("refused")
                        .asText())
                .contains("permission denied");
        assertThat(sql("SELECT count(*) AS n FROM items")
                        .get("rows")
                        .get(0)
                        .get("n")
                        .asInt())
                .isZero();
        assertThat(sql("SELECT current_user AS who")
                        .get("rows")
                        .get(0)
                        .get("who")
                        .asText())
                .isEqualTo("plugin_sample");
    }

    @Test
    void aPluginCannotBecomeAnotherRole() {
        assertThat(sql("SELECT set_config('role', 'postgres', false) AS r").has("refused"))
                .isTrue();
        assertThat(sql("SELECT current_user AS who")
                        .get("rows")
                        .get(0)
                        .get("who")
                        .asText())
                .isEqualTo("plugin_sample");
    }

    @Test
    void thePluginsRoleOwnsItsSchemaAndTables() {
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT DISTINCT tableowner FROM pg_tables" + " WHERE schemaname = 'plugin_sample'"))
                .containsExactly("plugin_sample");
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT nspowner::regrole::text FROM pg_namespace" + " WHERE nspname = 'plugin_tasks'"))
                .containsExactly("plugin_tasks");
    }

    @Test
    void rowLevelSecurityKeepsEachUserToTheirOwnRowsEvenWithoutAFilter() {
        String other = RUNNING.host().createUserWithToken("other@example.com", "Other User");
        assertThat(post(RUNNING.host().userToken(), "mine").status()).isEqualTo(201);
        assertThat(post(other, "theirs").status()).isEqualTo(201);

        assertThat(notes(RUNNING.host().userToken())).containsExactly("\"mine\"");
        assertThat(notes(other)).containsExactly("\"theirs\"");
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM plugin_sample.notes"))
                .containsExactly("2");
    }

    @Test
    void aFailedInstallLeavesNoRoleAndPurgeForgetsIt() {
        assertThat(RUNNING.host().install(Fixtures.FAULTY).status()).isEqualTo(422);
        assertThat(roles()).doesNotContain("faulty");

        Reply granted = RUNNING.host()
                .admin(
                        "POST",
                        "/admin/plugins?accept=users:read,http:outbound(127.0.0.1)",
                        Fixtures.bytes(Fixtures.GRANTED));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(roles()).contains("granted");
        assertThat(RUNNING.host()
                        .admin("DELETE", "/admin/plugins/granted?purge=true", null)
                        .status())
                .isEqualTo(204);
        assertThat(roles()).doesNotContain("granted");
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(), "SELECT nspname FROM pg_namespace WHERE nspname = 'plugin_granted'"))
                .isEmpty();
    }

    /** The statement PluginDatabaseTest shows failing in the plugin test kit, with the same message. */
    @Test
    void aMigrationNeedingMoreThanThePluginsRoleIsRefused() {
        byte[] needsMore = Fixtures.asVersion(
                Fixtures.SAMPLE_V1,
                "1.1.0",
                Map.of("V2__needs_more.sql", "CREATE TABLE public.outside_the_schema (id INT);"));

        Reply reply = RUNNING.host().upgrade("sample", needsMore);

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().get("error").asText()).isEqualTo("migration failed");
        assertThat(reply.json().get("detail").asText())
                .contains("V2__needs_more.sql failed: ERROR: permission denied for schema public");
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(), "SELECT count(*) FROM pg_tables WHERE tablename = 'outside_the_schema'"))
                .containsExactly("0");
        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("1.0.0");
    }

    private static java.util.List<String> roles() {
        return DatabaseSnapshot.query(RUNNING.database(), "SELECT plugin_id FROM metacortex.plugin_roles ORDER BY 1");
    }

    private static JsonNode sql(String statement) {
        Reply reply = RUNNING.host()
                .send(RUNNING.host()
                        .asUser(HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/sql"))
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString(statement))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static Reply post(String token, String text) {
        return RUNNING.host()
                .send(HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/notes"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    private static java.util.List<String> notes(String token) {
        Reply reply = RUNNING.host()
                .send(HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/notes"))
                        .header("Authorization", "Bearer " + token)
                        .GET());
        java.util.List<String> texts = new java.util.ArrayList<>();
        reply.json().forEach(n -> texts.add(n.toString()));
        return texts;
    }
}
