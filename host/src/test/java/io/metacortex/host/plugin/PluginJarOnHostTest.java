package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import io.metacortex.host.testing.jarred.JarredPlugin;
import io.metacortex.plugin.testing.PluginJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bundles built in a test with the testing library's {@link PluginJar}, as a plugin author builds variants of theirs,
 * installed on a running host: the default manifest installs and serves, and the variants are refused as a build's
 * jar with the same fault would be.
 */
class PluginJarOnHostTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    private static PluginJar jarred(String id) {
        return PluginJar.of(id, JarredPlugin.class)
                .addClasses(JarredPlugin.Greeting.class)
                .importPackages(
                        PluginJar.API_IMPORT,
                        "jakarta.ws.rs;version=\"[3.1,4)\"",
                        "jakarta.ws.rs.core;version=\"[3.1,4)\"");
    }

    @Test
    void aBuiltJarInstallsAndServesItsRoute() {
        Reply installed =
                RUNNING.host().install(jarred("jarred").version("1.2.3").toBytes());

        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        assertThat(installed.json().get("version").asText()).isEqualTo("1.2.3");
        assertThat(installed.json().get("state").asText()).isEqualTo("ACTIVE");
        Reply hello = RUNNING.host().get("/api/jarred");
        assertThat(hello.status()).as(hello.body()).isEqualTo(200);
        assertThat(hello.json().has("hello")).isTrue();
    }

    @Test
    void aJarBuiltAgainstApi2IsRefusedNamingThePackage() {
        Reply refused = RUNNING.host()
                .install(jarred("jarred-api2")
                        .importPackages(
                                "io.metacortex.plugin.api;version=\"[2.0,3)\"", "jakarta.ws.rs", "jakarta.ws.rs.core")
                        .toBytes());

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("error").asText()).isEqualTo("plugin cannot be resolved");
        assertThat(refused.json().get("detail").asText()).contains("io.metacortex.plugin.api");
        assertThat(RUNNING.host()
                        .admin("GET", "/admin/plugins/jarred-api2", null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aJarWithoutItsPluginClassHeaderIsRefused() {
        Reply refused = RUNNING.host()
                .install(jarred("jarred-headless")
                        .withoutHeader("MetaCortex-Plugin-Class")
                        .toBytes());

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid plugin metadata");
        assertThat(refused.json().get("detail").asText()).contains("MetaCortex-Plugin-Class");
    }

    @Test
    void aJarWhosePluginClassIsNotInItIsRefused() {
        Reply refused = RUNNING.host()
                .install(jarred("jarred-classless")
                        .header("MetaCortex-Plugin-Class", "io.example.Missing")
                        .toBytes());

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid plugin class");
        assertThat(refused.json().get("detail").asText()).contains("io.example.Missing is not in the bundle");
    }
}
