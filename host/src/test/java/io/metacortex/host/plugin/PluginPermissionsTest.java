package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import io.metacortex.host.testing.RunningHost.Reply;
import io.metacortex.plugin.api.PluginManifest;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The permissions a plugin declares: accepted by the admin at install and when an upgrade adds some, kept in the
 * registry, and enforced while the plugin runs (fixture {@code granted}: users:read and http:outbound to
 * 127.0.0.1, but not secrets).
 */
class PluginPermissionsTest {

    private static final String ACCEPT_ALL = "?accept=users:read,http:outbound(127.0.0.1)";

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension(config -> config.getPlugins()
            .setAcceptedPermissions(Map.of("granted-deploy", List.of("users:read", "http:outbound(127.0.0.1)"))));

    private static RunningHost host() {
        return RUNNING.host();
    }

    @BeforeEach
    void uninstallEverything() {
        host().admin("GET", "/admin/plugins", null)
                .json()
                .get("plugins")
                .forEach(p ->
                        host().admin("DELETE", "/admin/plugins/" + p.get("id").asText() + "?purge=true", null));
    }

    @Test
    void installIsRefusedUntilEveryDeclaredPermissionIsAccepted() {
        DatabaseSnapshot before = DatabaseSnapshot.of(RUNNING.database());
        byte[] jar = Fixtures.bytes(Fixtures.GRANTED);

        Reply none = host().admin("POST", "/admin/plugins", jar);
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.json().get("error").asText()).isEqualTo("permissions not accepted");
        assertThat(none.json().get("detail").asText())
                .isEqualTo("Plugin granted 1.0.0 needs"
                        + " http:outbound(127.0.0.1), users:read, not accepted yet; accept them with"
                        + " ?accept=http:outbound(127.0.0.1),users:read. Nothing was installed.");
        assertThat(none.json().get("fields").get("accept").asText())
                .isEqualTo("must include http:outbound(127.0.0.1), users:read");

        Reply partly = host().admin("POST", "/admin/plugins?accept=users:read,http:outbound", jar);
        assertThat(partly.status()).isEqualTo(422);
        assertThat(partly.json().get("fields").get("accept").asText())
                .isEqualTo("must include http:outbound(127.0.0.1)");
        Reply otherHost = host().admin("POST", "/admin/plugins?accept=users:read,http:outbound(localhost)", jar);
        assertThat(otherHost.status()).isEqualTo(422);

        Reply typo = host().admin("POST", "/admin/plugins?accept=user:read", jar);
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("error").asText()).isEqualTo("invalid permission");

        assertThat(DatabaseSnapshot.of(RUNNING.database())).isEqualTo(before);
        assertThat(host().admin("GET", "/admin/plugins/granted", null).status()).isEqualTo(404);
        assertThat(host().get("/api/granted").status()).isEqualTo(404);

        Reply installed = host().admin("POST", "/admin/plugins" + ACCEPT_ALL, jar);
        assertThat(installed.status()).isEqualTo(201);
        JsonNode shown = host().admin("GET", "/admin/plugins/granted", null).json();
        assertThat(shown.get("permissions").toString()).isEqualTo("[\"http:outbound(127.0.0.1)\",\"users:read\"]");
        assertThat(shown.get("acceptedPermissions").toString())
                .isEqualTo("[\"http:outbound(127.0.0.1)\",\"users:read\"]");
        assertThat(host().admin("GET", "/admin/plugins", null)
                        .json()
                        .get("plugins")
                        .get(0)
                        .get("acceptedPermissions"))
                .hasSize(2);
        assertThat(
                        DatabaseSnapshot.query(
                                RUNNING.database(),
                                "SELECT array_to_string(accepted_permissions, ' ') FROM metacortex.plugins WHERE id = 'granted'"))
                .containsExactly("http:outbound(127.0.0.1) users:read");
    }

    @Test
    void aPluginUsesWhatItDeclaredAndIsRefusedTheRest() throws Exception {
        assertThat(host().admin("POST", "/admin/plugins" + ACCEPT_ALL, Fixtures.bytes(Fixtures.GRANTED))
                        .status())
                .isEqualTo(201);

        String myId = host().get("/api/me").json().get("id").asText();
        Reply me = host().get("/api/granted/users/" + myId);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("displayName").asText()).isEqualTo("Tess Tester");

        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ping", exchange -> {
            requests.incrementAndGet();
            byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            Reply fetched = host().get("/api/granted/fetch?url=" + url("http://127.0.0.1:" + port + "/ping"));
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.json().get("status").asInt()).isEqualTo(200);
            assertThat(fetched.json().get("body").asText()).isEqualTo("pong");
            assertThat(requests).hasValue(1);

            Reply undeclaredHost = host().get("/api/granted/fetch?url=" + url("http://localhost:" + port + "/ping"));
            assertThat(undeclaredHost.status()).isEqualTo(500);
            assertThat(undeclaredHost.contentType()).startsWith("application/json");
            assertThat(undeclaredHost.json().get("error").asText()).isEqualTo("permission denied");
            assertThat(undeclaredHost.json().get("detail").asText())
                    .isEqualTo("Plugin granted may not call localhost: http:outbound names only [127.0.0.1].");
            assertThat(requests).hasValue(1);
        } finally {
            server.stop(0);
        }

        Reply secret = host().get("/api/granted/secret");
        assertThat(secret.status()).isEqualTo(500);
        assertThat(secret.json().get("error").asText()).isEqualTo("permission denied");
        assertThat(secret.json().get("detail").asText())
                .isEqualTo("Plugin granted did not declare the permission" + " secrets ("
                        + PluginManifest.PLUGIN_PERMISSIONS + ").");
        assertThat(host().get("/api/granted").status()).isEqualTo(200);
    }

    @Test
    void anUpgradeAddingAPermissionNeedsItsAcceptanceAndDroppedOnesAreDropped() {
        host().admin("POST", "/admin/plugins" + ACCEPT_ALL, Fixtures.bytes(Fixtures.GRANTED));
        byte[] v110 = version("1.1.0", "users:read, secrets, http:outbound;hosts=\"127.0.0.1\"");
        DatabaseSnapshot before = DatabaseSnapshot.of(RUNNING.database());

        Reply refused = host().upgrade("granted", v110);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("error").asText()).isEqualTo("permissions not accepted");
        assertThat(refused.json().get("detail").asText())
                .isEqualTo(
                        "Plugin granted 1.1.0 needs secrets, not"
                                + " accepted yet; accept it with ?accept=secrets. Version 1.0.0 is unchanged and keeps serving.");
        assertThat(DatabaseSnapshot.of(RUNNING.database())).isEqualTo(before);
        assertThat(host().get("/api/granted").json().get("version").asText()).isEqualTo("1.0.0");

        Reply upgraded = host().admin("PUT", "/admin/plugins/granted?accept=secrets", v110);
        assertThat(upgraded.status()).isEqualTo(200);
        assertThat(upgraded.json().get("acceptedPermissions").toString())
                .isEqualTo("[\"http:outbound(127.0.0.1)\",\"secrets\",\"users:read\"]");
        assertThat(host().get("/api/granted").json().get("version").asText()).isEqualTo("1.1.0");

        Reply narrowed = host().upgrade("granted", version("1.2.0", "users:read"));
        assertThat(narrowed.status()).isEqualTo(200);
        assertThat(narrowed.json().get("permissions").toString()).isEqualTo("[\"users:read\"]");
        assertThat(narrowed.json().get("acceptedPermissions").toString()).isEqualTo("[\"users:read\"]");
        Reply dropped = host().get("/api/granted/fetch?url=" + url("http://127.0.0.1:9/"));
        assertThat(dropped.status()).isEqualTo(500);
        assertThat(dropped.json().get("detail").asText()).contains("did not declare the permission http:outbound");

        Reply rollbackRefused = host().admin("POST", "/admin/plugins/granted/rollback", null);
        assertThat(rollbackRefused.status()).isEqualTo(422);
        assertThat(rollbackRefused.json().get("fields").get("accept").asText())
                .isEqualTo("must include http:outbound(127.0.0.1), secrets");
        assertThat(host().get("/api/granted").json().get("version").asText()).isEqualTo("1.2.0");
        Reply rolledBack = host().admin(
                        "POST", "/admin/plugins/granted/rollback?accept=secrets&accept=http:outbound(127.0.0.1)", null);
        assertThat(rolledBack.status()).isEqualTo(200);
        assertThat(rolledBack.json().get("version").asText()).isEqualTo("1.1.0");
        assertThat(rolledBack.json().get("acceptedPermissions")).hasSize(3);
    }

    @Test
    void anUnknownPermissionInTheManifestIsRefusedAtInstall() {
        DatabaseSnapshot before = DatabaseSnapshot.of(RUNNING.database());

        Reply refused = host().admin(
                        "POST",
                        "/admin/plugins?accept=users:read",
                        Fixtures.withHeader(
                                Fixtures.GRANTED, PluginManifest.PLUGIN_PERMISSIONS, "users:read, calendar:write"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid plugin metadata");
        assertThat(refused.json().get("detail").asText()).contains("unknown permission 'calendar:write'");
        assertThat(DatabaseSnapshot.of(RUNNING.database())).isEqualTo(before);
    }

    @Test
    void aVersionNeedingMoreThanWasAcceptedNeverLoads() {
        host().admin("POST", "/admin/plugins" + ACCEPT_ALL, Fixtures.bytes(Fixtures.GRANTED));
        DatabaseSnapshot.execute(
                RUNNING.database(),
                "UPDATE metacortex.plugins SET accepted_permissions = '{users:read}' WHERE id = 'granted'");

        host().restart();

        JsonNode failed = host().admin("GET", "/admin/plugins/granted", null).json();
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failureReason").asText())
                .contains("needs http:outbound(127.0.0.1), which the admin" + " has not accepted");
        assertThat(failed.has("permissions")).isFalse();
        assertThat(host().get("/api/granted").status()).isEqualTo(404);

        assertThat(host().admin("POST", "/admin/plugins/granted/enable", null).status())
                .isEqualTo(422);
        Reply enabled = host().admin("POST", "/admin/plugins/granted/enable?accept=http:outbound(127.0.0.1)", null);
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().get("state").asText()).isEqualTo("ACTIVE");
        assertThat(enabled.json().get("acceptedPermissions")).hasSize(2);
        assertThat(host().get("/api/granted").status()).isEqualTo(200);
    }

    @Test
    void theDeployFolderTakesItsAcceptanceFromTheConfiguration() throws Exception {
        Path folder = Files.createDirectories(host().config().getPlugins().getDeployDirectory());
        Path notAccepted = folder.resolve("granted.jar");
        Path accepted = folder.resolve("granted-deploy.jar");
        try {
            Files.copy(Fixtures.GRANTED, notAccepted);
            Files.write(accepted, Fixtures.withHeader(Fixtures.GRANTED, PluginManifest.PLUGIN_ID, "granted-deploy"));
            host().app().deployFolder().scan();

            JsonNode list = host().admin("GET", "/admin/plugins", null).json();
            assertThat(list.get("plugins").findValuesAsText("id")).containsExactly("granted-deploy");
            JsonNode problem = list.get("deployProblems").get(0);
            assertThat(problem.get("file").asText()).isEqualTo("granted.jar");
            assertThat(problem.get("error").asText()).isEqualTo("permissions not accepted");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("Plugin granted needs http:outbound(127.0.0.1),"
                            + " users:read, not accepted in the configuration; add them to"
                            + " plugins.acceptedPermissions.granted.");
            assertThat(list.get("plugins").get(0).get("acceptedPermissions")).hasSize(2);
            assertThat(host().get("/api/granted-deploy").status()).isEqualTo(200);
            assertThat(host().get("/api/granted").status()).isEqualTo(404);
        } finally {
            Files.deleteIfExists(notAccepted);
            Files.deleteIfExists(accepted);
            host().app().deployFolder().scan();
        }
    }

    /** @return the fixture at another version, declaring other permissions */
    private static byte[] version(String version, String permissions) {
        return Fixtures.rewrite(
                Fixtures.GRANTED,
                attributes -> {
                    attributes.putValue("Bundle-Version", version);
                    attributes.putValue(PluginManifest.PLUGIN_PERMISSIONS, permissions);
                },
                Map.of());
    }

    private static String url(String url) {
        return URLEncoder.encode(url, StandardCharsets.UTF_8);
    }
}
