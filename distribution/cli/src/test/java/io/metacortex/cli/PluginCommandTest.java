package io.metacortex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code metacortex plugin ...} against a running host: what it prints, its exit code, and what it changed. */
class PluginCommandTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @TempDir
    Path tempDir;

    @AfterEach
    void removePlugins() {
        RUNNING.purgeAllPlugins();
    }

    private static CliRun cli(String... args) {
        return CliRun.run(
                Map.of(
                        "METACORTEX_URL",
                        RUNNING.host().uri("").toString(),
                        "METACORTEX_TOKEN",
                        RunningHost.ADMIN_TOKEN),
                args);
    }

    private static JsonNode plugin(String id) {
        RunningHost.Reply reply = RUNNING.host().admin("GET", "/admin/plugins/" + id, null);
        return reply.status() == 404 ? null : reply.json();
    }

    private Path jar(String name, byte[] bytes) throws IOException {
        return Files.write(tempDir.resolve(name), bytes);
    }

    @Test
    void installsListsUpgradesRollsBackDisablesEnablesAndUninstalls() throws IOException {
        CliRun installed = cli("plugin", "install", Fixtures.SAMPLE_V1.toString());
        assertThat(installed.exitCode()).as(installed.toString()).isZero();
        assertThat(installed.out())
                .startsWith("Installed sample 1.0.0.\n")
                .containsPattern("(?m)^state +ACTIVE$")
                .containsPattern("(?m)^routes +/api/sample$");
        assertThat(plugin("sample").get("version").asText()).isEqualTo("1.0.0");

        CliRun table = cli("plugin", "list");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out().lines())
                .first()
                .asString()
                .matches("ID +VERSION +STATE +PREVIOUS +PERMISSIONS +UPDATED");
        assertThat(table.out()).containsPattern("(?m)^sample +1\\.0\\.0 +ACTIVE +- +none +\\S+Z$");

        CliRun json = cli("plugin", "list", "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.json())
                .isEqualTo(RUNNING.host().admin("GET", "/admin/plugins", null).json());

        Path patch = jar("sample-1.0.1.jar", Fixtures.asVersion(Fixtures.SAMPLE_V1, "1.0.1", Map.of()));
        CliRun preview = cli("plugin", "preview", patch.toString());
        assertThat(preview.exitCode()).as(preview.toString()).isZero();
        assertThat(preview.out())
                .startsWith("Would do: upgrade sample 1.0.0 -> 1.0.1.\n")
                .containsPattern("(?m)^findings +none$");
        assertThat(plugin("sample").get("version").asText())
                .as("a preview changes nothing")
                .isEqualTo("1.0.0");

        CliRun upgraded = cli("plugin", "upgrade", "sample", patch.toString());
        assertThat(upgraded.exitCode()).as(upgraded.toString()).isZero();
        assertThat(upgraded.out()).startsWith("Upgraded sample from 1.0.0 to 1.0.1.\n");
        assertThat(plugin("sample").get("version").asText()).isEqualTo("1.0.1");

        CliRun rolledBack = cli("--json", "plugin", "rollback", "sample");
        assertThat(rolledBack.exitCode()).as(rolledBack.toString()).isZero();
        assertThat(rolledBack.json().get("version").asText()).isEqualTo("1.0.0");
        assertThat(plugin("sample").get("version").asText()).isEqualTo("1.0.0");

        CliRun disabled = cli("plugin", "disable", "sample");
        assertThat(disabled.exitCode()).as(disabled.toString()).isZero();
        assertThat(disabled.out()).startsWith("Disabled sample.\n").containsPattern("(?m)^state +DISABLED$");
        assertThat(RUNNING.host().get("/api/sample").status()).isNotEqualTo(200);

        CliRun enabled = cli("plugin", "enable", "sample");
        assertThat(enabled.exitCode()).as(enabled.toString()).isZero();
        assertThat(enabled.out()).startsWith("Enabled sample 1.0.0.\n");
        assertThat(plugin("sample").get("state").asText()).isEqualTo("ACTIVE");

        CliRun shown = cli("plugin", "show", "sample");
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        assertThat(shown.out()).containsPattern("(?m)^version +1\\.0\\.0$");

        CliRun uninstalled = cli("plugin", "uninstall", "sample");
        assertThat(uninstalled.exitCode()).as(uninstalled.toString()).isZero();
        assertThat(uninstalled.out()).contains("Uninstalled sample; its schema and data are kept");
        assertThat(plugin("sample")).isNull();
        assertThat(cli("plugin", "list").out()).isEqualTo("No plugins installed.\n");
    }

    @Test
    void anUpgradeWithPreviewIsExactlyWhatWasPreviewed() throws IOException {
        assertThat(cli("plugin", "install", Fixtures.SAMPLE_V1.toString()).exitCode())
                .isZero();

        CliRun preview = cli("plugin", "preview", Fixtures.SAMPLE_V2.toString());
        assertThat(preview.exitCode()).as(preview.toString()).isZero();
        assertThat(preview.out())
                .startsWith("Would do: upgrade sample 1.0.0 -> 2.0.0.\n")
                .containsPattern("(?m)^migrations +V2__add_item_note\\.sql$")
                .containsPattern("(?m)^rollback +lost: A rollback to 1\\.0\\.0 would be refused afterwards")
                .containsPattern("(?m)^signature +unsigned$")
                .containsPattern("(?m)^API +compatible, ");
        String id = preview.out()
                .lines()
                .filter(line -> line.startsWith("Preview "))
                .findFirst()
                .orElseThrow()
                .split(" ")[1];
        assertThat(id).startsWith("pv_");

        Path other = jar("sample-1.1.0.jar", Fixtures.asVersion(Fixtures.SAMPLE_V1, "1.1.0", Map.of()));
        CliRun mismatch = cli("plugin", "upgrade", "sample", other.toString(), "--preview", id);
        assertThat(mismatch.exitCode()).as(mismatch.toString()).isEqualTo(2);
        assertThat(mismatch.err()).contains("preview does not match");
        assertThat(plugin("sample").get("version").asText()).isEqualTo("1.0.0");

        CliRun upgraded = cli("plugin", "upgrade", "sample", Fixtures.SAMPLE_V2.toString(), "--preview", id);
        assertThat(upgraded.exitCode()).as(upgraded.toString()).isZero();
        assertThat(plugin("sample").get("version").asText()).isEqualTo("2.0.0");
    }

    @Test
    void purgeDropsWhatAnUninstallKeptSoThatAnOlderVersionInstallsAgain() {
        assertThat(cli("plugin", "install", Fixtures.SAMPLE_V2.toString()).exitCode())
                .isZero();
        assertThat(cli("plugin", "uninstall", "sample").exitCode()).isZero();

        // 1.0.0 does not know the migration 2.0.0 left in the kept schema.
        CliRun refused = cli("plugin", "install", Fixtures.SAMPLE_V1.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).startsWith("metacortex: refused (409): rollback refused\n  ");
        assertThat(plugin("sample")).isNull();

        CliRun purged = cli("plugin", "purge", "sample");
        assertThat(purged.exitCode()).as(purged.toString()).isZero();
        assertThat(purged.out()).isEqualTo("Purged sample: uninstalled, its schema and data dropped.\n");
        CliRun installed = cli("plugin", "install", Fixtures.SAMPLE_V1.toString());
        assertThat(installed.exitCode()).as(installed.toString()).isZero();
    }

    @Test
    void aRefusalExitsWithTwoAndPrintsTheApisErrorLeavingThePluginAsItWas() {
        assertThat(cli("plugin", "install", Fixtures.SAMPLE_V1.toString()).exitCode())
                .isZero();
        assertThat(cli("plugin", "upgrade", "sample", Fixtures.SAMPLE_V2.toString())
                        .exitCode())
                .isZero();

        CliRun rollback = cli("plugin", "rollback", "sample");
        assertThat(rollback.exitCode()).as(rollback.toString()).isEqualTo(2);
        assertThat(rollback.out()).isEmpty();
        assertThat(rollback.err())
                .startsWith("metacortex: refused (409): rollback refused\n  ")
                .contains("V2");
        assertThat(plugin("sample").get("version").asText()).isEqualTo("2.0.0");

        CliRun notNewer = cli("plugin", "upgrade", "sample", Fixtures.SAMPLE_V1.toString());
        assertThat(notNewer.exitCode()).as(notNewer.toString()).isEqualTo(2);
        assertThat(notNewer.err()).startsWith("metacortex: refused (409): version not newer\n");

        CliRun unknown = cli("plugin", "disable", "nope");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err())
                .isEqualTo("metacortex: refused (404): plugin not found\n"
                        + "  No plugin with id 'nope' is installed; GET /admin/plugins lists them.\n");
    }

    @Test
    void anInvalidJarIsRefusedAndNothingIsInstalled() throws IOException {
        Path notAJar = jar("not-a.jar", "this is not a zip".getBytes());

        CliRun install = cli("plugin", "install", notAJar.toString());

        assertThat(install.exitCode()).as(install.toString()).isEqualTo(2);
        assertThat(install.err()).startsWith("metacortex: refused (400): not a valid jar\n  ");
        assertThat(RUNNING.host().admin("GET", "/admin/plugins", null).json().get("plugins"))
                .isEmpty();

        CliRun preview = cli("plugin", "preview", notAJar.toString());
        assertThat(preview.exitCode()).as(preview.toString()).isEqualTo(2);
        assertThat(preview.err()).startsWith("metacortex: refused (400): not a valid jar\n");
    }

    @Test
    void forbiddenCodeIsRefusedWithEachFinding() throws IOException {
        Path exiter = jar("exiter.jar", Fixtures.hostile("exitinstart"));

        CliRun preview = cli("plugin", "preview", exiter.toString());
        assertThat(preview.exitCode()).as(preview.toString()).isEqualTo(2);
        assertThat(preview.out())
                .containsPattern("(?m)^findings +1$")
                .contains("\n  io.metacortex.fixture.hostile.exitinstart.ExitinstartPlugin"
                        + ".start(io.metacortex.plugin.api.PluginContext) uses java.lang.System.exit(int) (process"
                        + " control)\n");

        CliRun install = cli("plugin", "install", exiter.toString());
        assertThat(install.exitCode()).as(install.toString()).isEqualTo(2);
        assertThat(install.err())
                .startsWith("metacortex: refused (422): forbidden code\n")
                .contains("\n  finding: io.metacortex.fixture.hostile.exitinstart.ExitinstartPlugin"
                        + ".start(io.metacortex.plugin.api.PluginContext) uses java.lang.System.exit(int) (process"
                        + " control)\n");
        assertThat(plugin("hostile-exitinstart")).isNull();
    }

    @Test
    void aMissingJarIsTheCallersMistakeNotARefusal() {
        CliRun install = cli("plugin", "install", tempDir.resolve("missing.jar").toString());

        assertThat(install.exitCode()).as(install.toString()).isEqualTo(1);
        assertThat(install.err()).isEqualTo("metacortex: No such file: " + tempDir.resolve("missing.jar") + "\n");
    }

    @Test
    void permissionsAreAcceptedWithAccept() {
        CliRun preview = cli("plugin", "preview", Fixtures.GRANTED.toString());
        assertThat(preview.exitCode()).as(preview.toString()).isEqualTo(2);
        assertThat(preview.out())
                .startsWith("Would refuse: install granted 1.0.0.\n")
                .containsPattern("(?m)^to accept +http:outbound\\(127\\.0\\.0\\.1\\), users:read$");
        assertThat(preview.err()).startsWith("metacortex: the install would be refused:\n  permissions not accepted: ");

        CliRun refused = cli("plugin", "install", Fixtures.GRANTED.toString(), "--accept", "users:read");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err())
                .startsWith("metacortex: refused (422): permissions not accepted\n")
                .contains("\n  accept: must include http:outbound(127.0.0.1)\n");
        assertThat(plugin("granted")).isNull();

        CliRun installed = cli(
                "plugin",
                "install",
                Fixtures.GRANTED.toString(),
                "--accept",
                "users:read",
                "--accept",
                "http:outbound(127.0.0.1)");
        assertThat(installed.exitCode()).as(installed.toString()).isZero();
        assertThat(installed.out()).containsPattern("(?m)^accepted +http:outbound\\(127\\.0\\.0\\.1\\), users:read$");
        assertThat(plugin("granted").get("state").asText()).isEqualTo("ACTIVE");
    }
}
