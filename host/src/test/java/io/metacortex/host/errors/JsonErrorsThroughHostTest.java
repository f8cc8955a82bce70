package io.metacortex.host.errors;

import static io.metacortex.host.testing.JsonErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The host's own resources read bodies as strictly as the plugins' and answer alike: {@code /api/me} (the per-plugin
 * mapper) and the admin API (Dropwizard's mapper, made strict).
 */
class JsonErrorsThroughHostTest {

    private static final String DATE_TIME = "must be a date-time such as 2026-12-06T10:15:30Z";

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @Test
    void theProfileAndTokensRefuseWronglyTypedFieldsAndChangeNothing() {
        JsonNode me = RUNNING.host().get("/api/me").json();
        String tokens = DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM metacortex.access_tokens")
                .get(0);

        assertRefused(patchMe("{\"timeZone\": 5}"), "timeZone", "must be a string");
        assertRefused(patchMe("{\"displayName\": [\"Tess\"]}"), "displayName", "must be a string");
        assertRefused(RUNNING.host().asUser("POST", "/api/me/tokens", "{\"name\": 5}"), "name", "must be a string");
        assertRefused(
                RUNNING.host().asUser("POST", "/api/me/tokens", "{\"name\": \"t\", \"expiresAt\": 1900000000}"),
                "expiresAt",
                DATE_TIME);
        assertRefused(
                RUNNING.host().asUser("POST", "/api/me/tokens", "{\"name\": \"t\", \"expiresAt\": \"soon\"}"),
                "expiresAt",
                DATE_TIME);
        assertRefused(
                RUNNING.host().asUser("POST", "/api/me/tokens", "{\"name\": \"t\", \"scopes\": \"tasks\"}"),
                "scopes",
                "must be a list");

        assertThat(RUNNING.host().get("/api/me").json()).isEqualTo(me);
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM metacortex.access_tokens"))
                .containsExactly(tokens);
    }

    @Test
    void theAdminApiRefusesWronglyTypedFieldsAndChangesNothing() {
        String users = DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM metacortex.users")
                .get(0);
        String someone = RUNNING.host().get("/api/me").json().get("id").asText();

        assertRefused(
                admin("POST", "/admin/users", "{\"email\": 5, \"displayName\": \"Five\"}"),
                "email",
                "must be a string");
        assertRefused(
                admin(
                        "POST",
                        "/admin/users",
                        "{\"email\": \"r@example.com\", \"displayName\": \"R\", " + "\"roles\": \"admin\"}"),
                "roles",
                "must be a list");
        assertRefused(
                admin(
                        "POST",
                        "/admin/users",
                        "{\"email\": \"r@example.com\", \"displayName\": \"R\", " + "\"roles\": [\"admin\", true]}"),
                "roles[1]",
                "must be a string");
        assertRefused(
                admin("POST", "/admin/users/" + someone + "/tokens", "{\"name\": \"t\", \"expiresAt\": 1}"),
                "expiresAt",
                DATE_TIME);
        assertRefused(
                admin("PUT", "/admin/plugins/tasks/default", "{\"enabledByDefault\": \"yes\"}"),
                "enabledByDefault",
                "must be true or false");

        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM metacortex.users"))
                .containsExactly(users);
    }

    @Test
    void aBodyThatIsNotJsonIs400SayingWhereInPlainWords() {
        Reply me = patchMe("{\"timeZone\": ");
        Reply users = admin("POST", "/admin/users", "{\"email\" \"r@example.com\"}");

        assertThat(me.status()).isEqualTo(400);
        assertThat(me.json().get("error").asText()).isEqualTo("malformed request body");
        assertThat(me.json().get("detail").asText())
                .isEqualTo("The request body is not valid JSON (at line 1, " + "column 14).");
        assertThat(users.status()).isEqualTo(400);
        assertThat(users.json().get("detail").asText())
                .isEqualTo("The request body is not valid JSON (at line 1, " + "column 10).");
    }

    private static Reply patchMe(String json) {
        return RUNNING.host().asUser("PATCH", "/api/me", json);
    }

    private static Reply admin(String method, String path, String json) {
        return RUNNING.host().adminJson(method, path, json);
    }
}
