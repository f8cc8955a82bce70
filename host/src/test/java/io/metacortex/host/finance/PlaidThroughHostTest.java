package io.metacortex.host.finance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import io.metacortex.plugin.api.PluginManifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The finance plugin's Plaid routes in a running host, against a Plaid fake on loopback: the shipped bundle with its
 * declared Plaid hosts replaced by {@code 127.0.0.1} (the only change), installed with those permissions accepted.
 * Linking an item keeps the access token in the host's encrypted secret store only: not in any answer, any log line,
 * the host's {@code plugin_secrets} table in clear, nor any table of {@code plugin_finance}.
 */
class PlaidThroughHostTest {

    private static final String ACCESS_TOKEN = "access-sandbox-4b7c9d2e-1f3a-4e5b-9c8d-7a6b5c4d3e2f";
    private static final String SECRET = "plaid-secret-through-host";
    private static final WireMockServer PLAID = started();
    private static final ListAppender<ILoggingEvent> LOGGED = new ListAppender<>();
    private static Logger root;
    private static Level rootLevel;

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension(config -> config.getPlugins()
            .setSettings(Map.of(
                    "finance",
                    Map.of(
                            "plaid.clientId",
                            "client-id",
                            "plaid.secret",
                            SECRET,
                            "plaid.baseUrl",
                            "http://127.0.0.1:" + PLAID.port()))));

    /** After the host started: Dropwizard sets logging up afresh as it starts. */
    @BeforeAll
    static void captureLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        LOGGED.start();
        root.addAppender(LOGGED);
        root.setLevel(Level.DEBUG);
    }

    @AfterAll
    static void stop() {
        PLAID.stop();
        if (root != null) {
            root.detachAppender(LOGGED);
            root.setLevel(rootLevel);
        }
    }

    @Test
    void linkingAnItemKeepsTheAccessTokenInTheSecretStoreOnly() throws IOException {
        stub("/item/public_token/exchange", """
                {"access_token": "%s", "item_id": "item-through-host", "request_id": "r1"}""".formatted(ACCESS_TOKEN));
        stub("/accounts/get", """
                {"accounts": [{"account_id": "acc-1", "balances": {"available": 100, "current": 110.5,
                 "iso_currency_code": "USD", "limit": null, "unofficial_currency_code": null}, "mask": "0000",
                 "name": "Plaid Checking", "official_name": null, "subtype": "checking", "type": "depository"}],
                 "item": {"item_id": "item-through-host", "institution_id": "ins_109508"}, "request_id": "r2"}""");
        Reply installed = RUNNING.host()
                .install(withPlaidAt127(Fixtures.bytes(Fixtures.FINANCE)), "secrets,http:outbound(127.0.0.1)");
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        List<String> answers = new ArrayList<>();

        Reply linked = RUNNING.host().postJson("/api/finance/items", "{\"publicToken\": \"public-sandbox-1\"}");
        answers.add(linked.body());
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        String itemId = linked.json().get("item").get("id").asText();
        Reply items = RUNNING.host().get("/api/finance/items");
        answers.add(items.body());
        Reply accounts = RUNNING.host().get("/api/finance/accounts");
        answers.add(accounts.body());
        String other = RUNNING.host().createUserWithToken("other@example.com", "Otto Other");
        Reply foreign = RUNNING.host().as(other, "GET", "/api/finance/items/" + itemId, null);
        answers.add(foreign.body());
        Reply unsigned = RUNNING.host()
                .send(HttpRequest.newBuilder(RUNNING.host().uri("/api/finance/plaid/webhook"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"webhook_type\": \"ITEM\"}")));
        answers.add(unsigned.body());

        assertThat(items.json().get(0).get("status").asText()).isEqualTo("active");
        assertThat(accounts.body()).contains("acc-1").contains("\"110.5");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(unsigned.status()).as("public, and refused unverified").isEqualTo(401);
        assertThat(PLAID.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                                urlEqualTo("/accounts/get")))
                        .get(0)
                        .getBodyAsString())
                .contains(ACCESS_TOKEN);
        assertThat(RUNNING.host().app().secrets().forPlugin("finance").get("plaid/" + itemId))
                .contains(ACCESS_TOKEN);
        assertThat(answers).noneMatch(answer -> answer.contains(ACCESS_TOKEN) || answer.contains(SECRET));
        Jdbi database = Jdbi.create(RUNNING.database().dataSource());
        String secretsTable = database.withHandle(handle -> handle.createQuery(
                        "SELECT string_agg(t::text, E'\\n') FROM metacortex.plugin_secrets t WHERE plugin_id = 'finance'")
                .mapTo(String.class)
                .one());
        assertThat(secretsTable).contains("plaid/" + itemId).doesNotContain(ACCESS_TOKEN, SECRET);
        List<String> tables = database.withHandle(handle -> handle.createQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'plugin_finance'")
                .mapTo(String.class)
                .list());
        assertThat(tables).contains("plaid_items", "accounts");
        for (String table : tables) {
            String rows = database.withHandle(handle -> handle.createQuery(
                            "SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM plugin_finance.\"" + table + "\" t")
                    .mapTo(String.class)
                    .one());
            assertThat(rows).as(table).doesNotContain(ACCESS_TOKEN, SECRET);
        }
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(LOGGED.list)) {
            lines.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains(ACCESS_TOKEN) || line.contains(SECRET));
    }

    private static void stub(String path, String body) {
        PLAID.stubFor(post(urlEqualTo(path))
                .withRequestBody(matchingJsonPath("$.secret", equalTo(SECRET)))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    /** The bundle with its declared outbound hosts replaced by the fake's. */
    private static byte[] withPlaidAt127(byte[] jar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            String declared = manifest.getMainAttributes().getValue(PluginManifest.PLUGIN_PERMISSIONS);
            assertThat(declared).contains("secrets").contains("sandbox.plaid.com");
            manifest.getMainAttributes()
                    .putValue(PluginManifest.PLUGIN_PERMISSIONS, "secrets, http:outbound;hosts=\"127.0.0.1\"");
            try (JarOutputStream copy = new JarOutputStream(out, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    copy.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(copy);
                    copy.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    private static WireMockServer started() {
        WireMockServer server =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }
}
