package io.metacortex.host.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bearer authentication with personal access tokens, roles and scopes, on plugin and admin routes. */
class AccessTokenTest {

    @RegisterExtension
    static final HostExtension RUNNING =
            new HostExtension(config -> config.getAuth().setFailedAttemptsPerMinute(1000));

    @BeforeAll
    static void installSample() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
    }

    @Test
    void routesNeedAValidToken() {
        Reply none = anonymous("/api/sample");
        Reply unknown = as("mct_not-a-real-token", "GET", "/api/sample");
        Reply garbage = as("garbage", "GET", "/api/sample");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail").asText()).contains("not valid");
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(none.body()).doesNotContain("Exception").doesNotContain("at io.");
        assertThat(
                        DatabaseSnapshot.query(
                                RUNNING.database(),
                                "SELECT count(*) FROM metacortex.audit_log"
                                        + " WHERE action = 'auth.failed' AND outcome = 'FAILURE' AND target = 'GET /api/sample'"))
                .first()
                .satisfies(count -> assertThat(Integer.parseInt(count)).isGreaterThanOrEqualTo(2));
    }

    @Test
    void publicRoutesAndRolesAndTheUser() {
        assertThat(anonymous("/api/sample/public").json().get("anonymous").asBoolean())
                .isTrue();
        assertThat(RUNNING.host()
                        .get("/api/sample/public")
                        .json()
                        .get("anonymous")
                        .asBoolean())
                .isFalse();

        JsonNode me = RUNNING.host().get("/api/sample/whoami").json();
        assertThat(me.get("email").asText()).isEqualTo("tester@example.com");
        assertThat(me.get("id").asText())
                .isEqualTo(RUNNING.host().get("/api/me").json().get("id").asText());

        Reply forbidden = RUNNING.host().get("/api/sample/admins-only");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/json");
        String adminToken = adminUserToken("boss@example.com");
        assertThat(as(adminToken, "GET", "/api/sample/admins-only").status()).isEqualTo(200);
    }

    @Test
    void usersSetTheirOwnTimeZoneAndPluginsSeeIt() {
        String token = RUNNING.host().createUserWithToken("traveller@example.com", "Trav Eller");
        assertThat(RUNNING.host()
                        .as(token, "PATCH", "/api/me", "{\"timeZone\": \"Mars/Olympus\"}")
                        .json()
                        .get("fields")
                        .get("timeZone")
                        .asText())
                .contains("IANA");
        assertThat(RUNNING.host()
                        .as(token, "PATCH", "/api/me", "{\"displayName\": \" \"}")
                        .status())
                .isEqualTo(422);
        assertThat(RUNNING.host()
                        .as(token, "PATCH", "/api/me", "{}")
                        .json()
                        .get("fields")
                        .has("body"))
                .isTrue();
        assertThat(as(token, "GET", "/api/sample/whoami").json().get("timeZone").asText())
                .isEqualTo("UTC");

        Reply updated = RUNNING.host().as(token, "PATCH", "/api/me", "{\"timeZone\": \"Pacific/Auckland\"}");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("timeZone").asText()).isEqualTo("Pacific/Auckland");
        assertThat(updated.json().get("displayName").asText()).isEqualTo("Trav Eller");
        assertThat(as(token, "GET", "/api/sample/whoami").json().get("timeZone").asText())
                .isEqualTo("Pacific/Auckland");
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT count(*) FROM metacortex.audit_log"
                                + " WHERE action = 'profile.update' AND outcome = 'SUCCESS'"))
                .containsExactly("1");
    }

    @Test
    void theBootstrapTokenIsForTheAdminApiOnly() {
        Reply api = as(RunningHost.ADMIN_TOKEN, "GET", "/api/sample");

        assertThat(api.status()).isEqualTo(403);
        assertThat(api.json().get("detail").asText()).contains("/admin");
        assertThat(as(RunningHost.ADMIN_TOKEN, "GET", "/admin/plugins").status())
                .isEqualTo(200);
    }

    @Test
    void theAdminApiNeedsAnAdmin() {
        Reply user = as(RUNNING.host().userToken(), "GET", "/admin/plugins");
        Reply admin = as(adminUserToken("chief@example.com"), "GET", "/admin/plugins");

        assertThat(user.status()).isEqualTo(403);
        assertThat(user.json().get("error").asText()).isEqualTo("forbidden");
        assertThat(admin.status()).isEqualTo(200);
    }

    @Test
    void aReadOnlyTokenCannotWrite() {
        String readOnly = RUNNING.host()
                .asUser("POST", "/api/me/tokens", "{\"name\": \"read only\", \"scopes\": [\"api:read\"]}")
                .json()
                .get("token")
                .asText();

        assertThat(as(readOnly, "GET", "/api/sample/items").status()).isEqualTo(200);
        Reply write = RUNNING.host()
                .send(HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/items"))
                        .header("Authorization", "Bearer " + readOnly)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\", \"quantity\": 1}")));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().get("detail").asText()).contains("api:write");
    }

    /** Refused before its body was read, the request's connection is closed: the answer says so to the client. */
    @Test
    void anAnswerRefusingABodyClosesTheConnection() throws Exception {
        HttpResponse<String> refused = RUNNING.host()
                .http()
                .send(
                        HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/items"))
                                .header("Authorization", "Bearer mct_not-a-real-token")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\", \"quantity\": 1}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> read = RUNNING.host()
                .http()
                .send(
                        HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/items"))
                                .header(
                                        "Authorization",
                                        "Bearer " + RUNNING.host().userToken())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Connection")).contains("close");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Connection")).isEmpty();
    }

    @Test
    void tokensAreShownOnceStoredHashedAndRevocable() {
        Reply created = RUNNING.host().asUser("POST", "/api/me/tokens", "{\"name\": \"laptop\"}");
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().get("token").asText();
        String id = created.json().get("id").asText();
        assertThat(token).startsWith("mct_");
        assertThat(as(token, "GET", "/api/me").status()).isEqualTo(200);

        JsonNode listed = RUNNING.host().get("/api/me/tokens").json();
        assertThat(listed.findValuesAsText("name")).contains("laptop");
        assertThat(listed.toString()).doesNotContain(token);
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(), "SELECT token_hash FROM metacortex.access_tokens WHERE id = '" + id + "'"))
                .containsExactly(TokenStore.hash(token));
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT count(*) FROM metacortex.access_tokens" + " WHERE position('" + token.substring(4)
                                + "' IN token_hash || name) > 0"))
                .containsExactly("0");

        assertThat(RUNNING.host().asUser("DELETE", "/api/me/tokens/" + id, null).status())
                .isEqualTo(204);
        assertThat(as(token, "GET", "/api/me").status()).isEqualTo(401);
        assertThat(RUNNING.host().asUser("DELETE", "/api/me/tokens/" + id, null).status())
                .isEqualTo(404);
    }

    @Test
    void expiredTokensAreRefused() {
        String token = RUNNING.host()
                .asUser("POST", "/api/me/tokens", "{\"name\": \"short\"}")
                .json()
                .get("token")
                .asText();
        DatabaseSnapshot.execute(
                RUNNING.database(),
                "UPDATE metacortex.access_tokens" + " SET expires_at = now() - INTERVAL '1 second' WHERE token_hash = '"
                        + TokenStore.hash(token) + "'");

        Reply expired = as(token, "GET", "/api/me");

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("detail").asText()).contains("expired");
    }

    @Test
    void invalidTokenRequestsAre422() {
        Reply invalid = RUNNING.host()
                .asUser(
                        "POST",
                        "/api/me/tokens",
                        "{\"name\": \"\", \"expiresAt\": \"2001-01-01T00:00:00Z\", \"scopes\": [\"admin\"]}");

        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("fields").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("name", "expiresAt", "scopes");
    }

    @Test
    void disabledUsersAreLockedOut() {
        Reply user = RUNNING.host()
                .adminJson(
                        "POST",
                        "/admin/users",
                        "{\"email\": \"leaver@example.com\", \"displayName\": \"Leaver\", \"timeZone\": \"Europe/Berlin\"}");
        assertThat(user.status()).isEqualTo(201);
        assertThat(user.json().get("timeZone").asText()).isEqualTo("Europe/Berlin");
        String id = user.json().get("id").asText();
        String token = RUNNING.host()
                .adminJson("POST", "/admin/users/" + id + "/tokens", "{\"name\": \"t\"}")
                .json()
                .get("token")
                .asText();
        assertThat(as(token, "GET", "/api/me").status()).isEqualTo(200);

        assertThat(RUNNING.host().admin("DELETE", "/admin/users/" + id, null).status())
                .isEqualTo(204);

        assertThat(as(token, "GET", "/api/me").status()).isEqualTo(401);
        assertThat(RUNNING.host()
                        .admin("GET", "/admin/users/" + id, null)
                        .json()
                        .get("disabled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void userCreationIsValidated() {
        Reply invalid = RUNNING.host()
                .adminJson(
                        "POST",
                        "/admin/users",
                        "{\"email\": \"nope\", \"displayName\": \"\", \"roles\": [\"god\"], \"timeZone\": \"Mars/Olympus\"}");
        Reply duplicate = RUNNING.host()
                .adminJson("POST", "/admin/users", "{\"email\": \"TESTER@example.com\", \"displayName\": \"Again\"}");

        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("fields").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("email", "displayName", "roles", "timeZone");
        assertThat(duplicate.status()).isEqualTo(409);
    }

    @Test
    void adminActionsAreAudited() {
        String admin = adminUserToken("auditor@example.com");
        String adminId = as(admin, "GET", "/api/me").json().get("id").asText();
        as(admin, "POST", "/admin/plugins/sample/disable");
        as(admin, "POST", "/admin/plugins/sample/enable");
        as(admin, "POST", "/admin/plugins/nothing/enable");

        JsonNode page = as(admin, "GET", "/admin/audit?limit=2").json();
        assertThat(page.get("items")).hasSize(2);
        JsonNode failed = page.get("items").get(0);
        assertThat(failed.get("action").asText()).isEqualTo("plugin.enable");
        assertThat(failed.get("outcome").asText()).isEqualTo("FAILURE");
        assertThat(failed.get("target").asText()).isEqualTo("/admin/plugins/nothing/enable");
        assertThat(failed.get("actor").asText()).isEqualTo(adminId);
        assertThat(failed.get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(failed.get("detail").asText()).contains("404");
        JsonNode next = as(
                        admin,
                        "GET",
                        "/admin/audit?limit=50&action=plugin.disable&before="
                                + page.get("nextBefore").asText())
                .json();
        assertThat(next.get("items").get(0).get("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(next.get("items").get(0).get("actor").asText())
                .isEqualTo(failed.get("actor").asText());
        assertThat(as(admin, "GET", "/admin/audit?limit=0").status()).isEqualTo(400);
    }

    private static String adminUserToken(String email) {
        Reply user = RUNNING.host()
                .adminJson(
                        "POST",
                        "/admin/users",
                        "{\"email\": \"" + email + "\", \"displayName\": \"Admin\", \"roles\": [\"admin\"]}");
        return RUNNING.host()
                .adminJson(
                        "POST", "/admin/users/" + user.json().get("id").asText() + "/tokens", "{\"name\": \"admin\"}")
                .json()
                .get("token")
                .asText();
    }

    private static Reply anonymous(String path) {
        return RUNNING.host()
                .send(HttpRequest.newBuilder(RUNNING.host().uri(path)).GET());
    }

    private static Reply as(String token, String method, String path) {
        return RUNNING.host().as(token, method, path, null);
    }
}
