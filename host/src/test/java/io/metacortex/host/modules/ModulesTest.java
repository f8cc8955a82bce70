package io.metacortex.host.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import io.metacortex.plugin.api.PluginManifest;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Modules per user: listing, turning off and on, the admin's default, settings, and bundles' settings schemas. */
class ModulesTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    private static final AtomicInteger USERS = new AtomicInteger();

    @BeforeAll
    static void installSample() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
    }

    @AfterEach
    void sampleOnByDefault() {
        assertThat(setDefault(true).status()).isEqualTo(200);
    }

    @Test
    void listsTheActiveModulesWithDefaultsAndSchema() {
        String alice = newUser();

        Reply reply = RUNNING.host().as(alice, "GET", "/api/me/modules", null);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode sample = reply.json().get(0);
        assertThat(reply.json().size()).isEqualTo(1);
        assertThat(sample.get("id").asText()).isEqualTo("sample");
        assertThat(sample.get("name").asText()).isEqualTo("Sample");
        assertThat(sample.get("version").asText()).isEqualTo("1.0.0");
        assertThat(sample.get("enabled").asBoolean()).isTrue();
        assertThat(sample.get("settings").toString())
                .isEqualTo("{\"dailyGoal\":3,\"units\":\"metric\",\"reminders\":true}");
        assertThat(sample.at("/settingsSchema/dailyGoal").toString())
                .isEqualTo("{\"type\":\"integer\",\"default\":3,"
                        + "\"minimum\":1,\"maximum\":50,\"description\":\"Items to get done each day\"}");
        assertThat(sample.at("/settingsSchema/units/enum").toString()).isEqualTo("[\"metric\",\"imperial\"]");
    }

    @Test
    void aUserWhoTurnsAModuleOffNoLongerSeesItsRoutesOthersDo() {
        String alice = newUser();
        String bob = newUser();

        Reply off = RUNNING.host().as(alice, "PUT", "/api/me/modules/sample", "{\"enabled\": false}");

        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("enabled").asBoolean()).isFalse();
        Reply hidden = RUNNING.host().as(alice, "GET", "/api/sample/items", null);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.contentType()).startsWith("application/json");
        assertThat(hidden.json().get("error").asText()).isEqualTo("not found");
        assertThat(hidden.json().get("detail").asText()).contains("/api/me/modules/sample");
        assertThat(RUNNING.host().as(alice, "GET", "/api/sample/public", null).status())
                .isEqualTo(404);
        assertThat(RUNNING.host().as(bob, "GET", "/api/sample/items", null).status())
                .isEqualTo(200);
        assertThat(RUNNING.host()
                        .send(HttpRequest.newBuilder(RUNNING.host().uri("/api/sample/public"))
                                .GET())
                        .status())
                .isEqualTo(200);
        assertThat(RUNNING.host()
                        .as(alice, "GET", "/api/me/modules", null)
                        .json()
                        .get(0)
                        .get("enabled")
                        .asBoolean())
                .isFalse();

        assertThat(RUNNING.host()
                        .as(alice, "PUT", "/api/me/modules/sample", "{\"enabled\": true}")
                        .status())
                .isEqualTo(200);
        assertThat(RUNNING.host().as(alice, "GET", "/api/sample/items", null).status())
                .isEqualTo(200);
    }

    @Test
    void theAdminsDefaultAppliesToUsersWithoutAChoiceOfTheirOwn() {
        String undecided = newUser();
        String keen = newUser();
        assertThat(RUNNING.host()
                        .as(keen, "PUT", "/api/me/modules/sample", "{\"enabled\": true}")
                        .status())
                .isEqualTo(200);
        String settingsOnly = newUser();
        assertThat(RUNNING.host()
                        .as(settingsOnly, "PUT", "/api/me/modules/sample", "{\"settings\": {\"dailyGoal\": 7}}")
                        .status())
                .isEqualTo(200);

        Reply changed = setDefault(false);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("enabledByDefault").asBoolean()).isFalse();
        assertThat(RUNNING.host()
                        .admin("GET", "/admin/plugins", null)
                        .json()
                        .at("/plugins/0/enabledByDefault")
                        .asBoolean())
                .isFalse();
        assertThat(RUNNING.host()
                        .as(undecided, "GET", "/api/sample/items", null)
                        .status())
                .isEqualTo(404);
        assertThat(RUNNING.host()
                        .as(settingsOnly, "GET", "/api/sample/items", null)
                        .status())
                .isEqualTo(404);
        assertThat(RUNNING.host()
                        .as(undecided, "GET", "/api/me/modules", null)
                        .json()
                        .get(0)
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(RUNNING.host().as(keen, "GET", "/api/sample/items", null).status())
                .isEqualTo(200);
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT outcome FROM metacortex.audit_log"
                                + " WHERE action = 'plugin.default' ORDER BY id DESC LIMIT 1"))
                .containsExactly("SUCCESS");

        setDefault(true);
        assertThat(RUNNING.host()
                        .as(undecided, "GET", "/api/sample/items", null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void onlyAdminsSetTheDefaultAndOnlyToABoolean() {
        Reply notAdmin =
                RUNNING.host().as(newUser(), "PUT", "/admin/plugins/sample/default", "{\"enabledByDefault\": false}");
        Reply missing = RUNNING.host().adminJson("PUT", "/admin/plugins/sample/default", "{}");
        Reply unknown = RUNNING.host().adminJson("PUT", "/admin/plugins/nope/default", "{\"enabledByDefault\": false}");

        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("fields").toString())
                .isEqualTo("{\"enabledByDefault\":\"must be true or false\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT enabled_by_default FROM metacortex.plugins" + " WHERE id = 'sample'"))
                .containsExactly("t");
    }

    @Test
    void settingsChangesMergeAndNullReturnsToTheDefault() {
        String alice = newUser();
        assertThat(RUNNING.host().as(alice, "GET", "/api/sample/settings", null).body())
                .isEqualTo("{\"dailyGoal\":3,\"units\":\"metric\",\"reminders\":true}");

        Reply first = RUNNING.host().as(alice, "PUT", "/api/me/modules/sample", "{\"settings\": {\"dailyGoal\": 10}}");
        Reply second =
                RUNNING.host().as(alice, "PUT", "/api/me/modules/sample", "{\"settings\": {\"units\": \"imperial\"}}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.json().get("settings").toString())
                .isEqualTo("{\"dailyGoal\":10,\"units\":\"imperial\",\"reminders\":true}");
        assertThat(second.json().get("enabled").asBoolean()).isTrue();
        assertThat(RUNNING.host().as(alice, "GET", "/api/sample/settings", null).body())
                .isEqualTo("{\"dailyGoal\":10,\"units\":\"imperial\",\"reminders\":true}");
        assertThat(RUNNING.host()
                        .as(newUser(), "GET", "/api/sample/settings", null)
                        .body())
                .isEqualTo("{\"dailyGoal\":3,\"units\":\"metric\",\"reminders\":true}");
        assertThat(stored(alice)).containsExactly("null {\"units\": \"imperial\", \"dailyGoal\": 10}");

        Reply reset =
                RUNNING.host().as(alice, "PUT", "/api/me/modules/sample", "{\"settings\": {\"dailyGoal\": null}}");

        assertThat(reset.json().get("settings").toString())
                .isEqualTo("{\"dailyGoal\":3,\"units\":\"imperial\",\"reminders\":true}");
        assertThat(stored(alice)).containsExactly("null {\"units\": \"imperial\"}");
    }

    @Test
    void invalidChangesAreRefusedFieldByFieldAndStoreNothing() {
        String alice = newUser();
        assertThat(RUNNING.host()
                        .as(alice, "PUT", "/api/me/modules/sample", "{\"settings\": {\"dailyGoal\": 10}}")
                        .status())
                .isEqualTo(200);
        List<String> before = stored(alice);

        Reply invalid = RUNNING.host().as(alice, "PUT", "/api/me/modules/sample", """
                {"enabled": "no", "settings": {"dailyGoal": 51, "units": "furlongs", "reminders": "yes",
                 "colour": "red"}}""");
        Reply tooSmall =
                RUNNING.host().as(alice, "PUT", "/api/me/modules/sample", "{\"settings\": {\"dailyGoal\": 0}}");
        Reply notAnInteger =
                RUNNING.host().as(alice, "PUT", "/api/me/modules/sample", "{\"settings\": {\"dailyGoal\": 2.5}}");
        Reply notAnObject =
                RUNNING.host().as(alice, "PUT", "/api/me/modules/sample", "{\"settings\": [1], \"enable\": true}");

        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("error").asText()).isEqualTo("validation failed");
        assertThat(invalid.json().get("fields").toString())
                .isEqualTo("{"
                        + "\"enabled\":\"must be true or false (or null for the default)\","
                        + "\"settings.colour\":\"unknown setting; the settings are dailyGoal, reminders, units\","
                        + "\"settings.dailyGoal\":\"must be at most 50\","
                        + "\"settings.reminders\":\"must be true or false\","
                        + "\"settings.units\":\"must be one of metric, imperial\"}");
        assertThat(tooSmall.json().get("fields").toString())
                .isEqualTo("{\"settings.dailyGoal\":\"must be at least 1\"}");
        assertThat(notAnInteger.json().get("fields").toString())
                .isEqualTo("{\"settings.dailyGoal\":\"must be a whole number\"}");
        assertThat(notAnObject.json().get("fields").toString())
                .isEqualTo("{"
                        + "\"enable\":\"unknown field; send \\\"enabled\\\" and/or \\\"settings\\\"\","
                        + "\"settings\":\"must be an object of setting name to value\"}");
        assertThat(stored(alice)).isEqualTo(before);
        assertThat(RUNNING.host()
                        .as(alice, "GET", "/api/sample/settings", null)
                        .json()
                        .get("dailyGoal")
                        .asInt())
                .isEqualTo(10);
    }

    @Test
    void unknownModulesAreNotFound() {
        String alice = newUser();

        Reply unknown = RUNNING.host().as(alice, "PUT", "/api/me/modules/nope", "{\"enabled\": false}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("module not found");
        assertThat(stored(alice)).isEmpty();
    }

    @Test
    void aBundleWithABrokenSettingsSchemaIsRefusedAtInstall() {
        Map<String, String> broken = Map.of(
                "{\"dailyGoal\": {\"type\": \"integer\", \"default\": 0, \"minimum\": 1}}",
                "Setting 'dailyGoal' in metacortex/settings.json: the default 0 is invalid: it must be at least 1.",
                "{\"units\": {\"type\": \"text\", \"default\": \"metric\"}}",
                "Setting 'units' in metacortex/settings.json: unknown type \"text\"",
                "{\"units\": {\"type\": \"string\", \"enum\": [\"metric\"], \"default\": \"imperial\"}}",
                "Setting 'units' in metacortex/settings.json: the default \"imperial\" is invalid: it must be one"
                        + " of metric",
                "{\"dailyGoal\": {\"type\": \"integer\", \"default\": 3,}",
                "metacortex/settings.json is not valid JSON");
        broken.forEach((schema, detail) -> {
            byte[] jar = Fixtures.rewrite(
                    Fixtures.SAMPLE_V1,
                    headers -> headers.putValue(PluginManifest.PLUGIN_ID, "broken-settings"),
                    Map.of(PluginManifest.SETTINGS_SCHEMA_PATH, schema));

            Reply refused = RUNNING.host().install(jar);

            assertThat(refused.status()).as(schema).isEqualTo(422);
            assertThat(refused.json().get("error").asText()).isEqualTo("invalid settings schema");
            assertThat(refused.json().get("detail").asText()).as(schema).contains(detail);
        });
        assertThat(RUNNING.host()
                        .admin("GET", "/admin/plugins/broken-settings", null)
                        .status())
                .isEqualTo(404);
    }

    private static Reply setDefault(boolean enabled) {
        return RUNNING.host()
                .adminJson("PUT", "/admin/plugins/sample/default", "{\"enabledByDefault\": " + enabled + "}");
    }

    private static String newUser() {
        int n = USERS.incrementAndGet();
        return RUNNING.host().createUserWithToken("modules-" + n + "@example.com", "Modules User " + n);
    }

    /** The user's stored row for the sample module: enabled and settings as text. */
    private static List<String> stored(String token) {
        String id = RUNNING.host()
                .as(token, "GET", "/api/me", null)
                .json()
                .get("id")
                .asText();
        return DatabaseSnapshot.query(
                RUNNING.database(),
                "SELECT coalesce(enabled::text, 'null') || ' ' || settings"
                        + " FROM metacortex.user_modules WHERE plugin_id = 'sample' AND user_id = '" + id + "'");
    }
}
