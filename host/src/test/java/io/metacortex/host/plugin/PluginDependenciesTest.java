package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.HostState;
import io.metacortex.host.testing.RunningHost.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plugins that use each other's services: {@code greeted} imports {@code greeter}'s service package optionally.
 * Whatever happens to the provider, the consumer keeps serving, wired to the provider's current version or to
 * nothing.
 */
class PluginDependenciesTest {

    private static final String GREETER_PACKAGE = "io.metacortex.fixture.greeter.api";

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @BeforeEach
    void uninstallBoth() {
        RUNNING.host().admin("DELETE", "/admin/plugins/greeted?purge=true", null);
        RUNNING.host().admin("DELETE", "/admin/plugins/greeter?purge=true", null);
    }

    @Test
    void theConsumerWorksWithoutTheProviderAndUsesItOnceItIsInstalled() {
        assertThat(RUNNING.host().install(Fixtures.GREETED).status()).isEqualTo(201);

        JsonNode alone = greeting();
        assertThat(alone.get("wired").asBoolean()).isFalse();
        assertThat(alone.get("greeting").isNull()).isTrue();

        assertThat(RUNNING.host().install(Fixtures.GREETER).status()).isEqualTo(201);

        assertThat(greeting().get("greeting").asText()).isEqualTo("Hello greeted from greeter 1.0.0");
        assertThat(state("greeted")).isEqualTo("ACTIVE");
    }

    @Test
    void theConsumerFollowsTheProviderThroughUpgradeRollbackDisableEnableAndUninstall() {
        RUNNING.host().install(Fixtures.GREETER);
        RUNNING.host().install(Fixtures.GREETED);
        assertThat(greeting().get("greeting").asText()).endsWith("greeter 1.0.0");

        assertThat(RUNNING.host()
                        .upgrade("greeter", Fixtures.asVersion(Fixtures.GREETER, "1.1.0", Map.of()))
                        .status())
                .isEqualTo(200);
        assertThat(greeting().get("greeting").asText()).endsWith("greeter 1.1.0");

        assertThat(RUNNING.host()
                        .admin("POST", "/admin/plugins/greeter/rollback", null)
                        .status())
                .isEqualTo(200);
        assertThat(greeting().get("greeting").asText()).endsWith("greeter 1.0.0");

        assertThat(RUNNING.host()
                        .admin("POST", "/admin/plugins/greeter/disable", null)
                        .status())
                .isEqualTo(200);
        assertThat(greeting().get("wired").asBoolean()).isFalse();

        assertThat(RUNNING.host()
                        .admin("POST", "/admin/plugins/greeter/enable", null)
                        .status())
                .isEqualTo(200);
        assertThat(greeting().get("greeting").asText()).endsWith("greeter 1.0.0");

        assertThat(RUNNING.host()
                        .admin("DELETE", "/admin/plugins/greeter", null)
                        .status())
                .isEqualTo(204);
        assertThat(greeting().get("wired").asBoolean()).isFalse();
        assertThat(state("greeted")).isEqualTo("ACTIVE");
    }

    @Test
    void restartWiresTheConsumerToTheProviderWhateverTheOrderTheyAreLoadedIn() {
        RUNNING.host().install(Fixtures.GREETED);
        RUNNING.host().install(Fixtures.GREETER);

        RUNNING.host().restart();

        assertThat(greeting().get("greeting").asText()).isEqualTo("Hello greeted from greeter 1.0.0");
    }

    @Test
    void aProviderAnotherPluginRequiresCannotBeDisabledOrUninstalled() {
        byte[] requiring = Fixtures.rewrite(
                Fixtures.GREETED,
                attributes -> attributes.putValue(
                        "Import-Package", attributes.getValue("Import-Package").replace(";resolution:=optional", "")),
                Map.of());

        Reply alone = RUNNING.host().install(requiring);
        assertThat(alone.status()).isEqualTo(422);
        assertThat(alone.json().get("detail").asText()).contains(GREETER_PACKAGE);

        RUNNING.host().install(Fixtures.GREETER);
        assertThat(RUNNING.host().install(requiring).status()).isEqualTo(201);
        HostState before = HostState.of(RUNNING);

        Reply disable = RUNNING.host().admin("POST", "/admin/plugins/greeter/disable", null);
        Reply uninstall = RUNNING.host().admin("DELETE", "/admin/plugins/greeter", null);

        for (Reply refused : List.of(disable, uninstall)) {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("error").asText()).isEqualTo("plugin in use");
            assertThat(refused.json().get("detail").asText()).contains("greeted needs " + GREETER_PACKAGE);
        }
        before.assertSame(RUNNING);
        assertThat(greeting().get("greeting").asText()).endsWith("greeter 1.0.0");

        assertThat(RUNNING.host()
                        .admin("DELETE", "/admin/plugins/greeted", null)
                        .status())
                .isEqualTo(204);
        assertThat(RUNNING.host()
                        .admin("POST", "/admin/plugins/greeter/disable", null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aBundleImportingThePackageItExportsIsRefused() {
        byte[] selfImporting = Fixtures.rewrite(
                Fixtures.GREETER,
                attributes -> attributes.putValue(
                        "Import-Package",
                        GREETER_PACKAGE + ";version=\"[1.0,1.1)\"," + attributes.getValue("Import-Package")),
                Map.of());
        HostState before = HostState.of(RUNNING);

        Reply refused = RUNNING.host().install(selfImporting);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asText())
                .contains("imports the packages it exports (" + GREETER_PACKAGE + ")")
                .contains("Import-Package: !" + GREETER_PACKAGE);
        before.assertSame(RUNNING);
    }

    @Test
    void noRequestToTheConsumerFailsOrMissesTheProviderWhileTheProviderIsUpgradedAndRolledBack() throws Exception {
        RUNNING.host().install(Fixtures.GREETER);
        RUNNING.host().install(Fixtures.GREETED);
        byte[] v11 = Fixtures.asVersion(Fixtures.GREETER, "1.1.0", Map.of());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Set<String> greetings = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            loops.add(clients.submit(() -> {
                while (running.get()) {
                    Reply reply = RUNNING.host().get("/api/greeted");
                    JsonNode body = reply.status() == 200 ? reply.json() : null;
                    if (body != null
                            && body.get("wired").asBoolean()
                            && !body.get("greeting").isNull()) {
                        ok.incrementAndGet();
                        greetings.add(body.get("greeting").asText());
                    } else {
                        synchronized (failures) {
                            failures.add(reply.status() + " " + reply.body());
                        }
                    }
                }
                return null;
            }));
        }
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(RUNNING.host().upgrade("greeter", v11).status()).isEqualTo(200);
                assertThat(RUNNING.host()
                                .admin("POST", "/admin/plugins/greeter/rollback", null)
                                .status())
                        .isEqualTo(200);
            }
        } finally {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get();
            }
            clients.shutdown();
        }

        assertThat(failures).isEmpty();
        assertThat(ok.get()).isGreaterThan(10);
        assertThat(greetings).contains("Hello greeted from greeter 1.0.0", "Hello greeted from greeter 1.1.0");
    }

    private static JsonNode greeting() {
        Reply reply = RUNNING.host().get("/api/greeted");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static String state(String id) {
        return RUNNING.host()
                .admin("GET", "/admin/plugins/" + id, null)
                .json()
                .get("state")
                .asText();
    }
}
