package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jars dropped into the deploy folder are installed and upgraded; removing them uninstalls. */
class DeployFolderTest {

    /** The tasks jar declares users:read: accepted for the deploy folder in the configuration, as an admin would. */
    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension(
            config -> config.getPlugins().setAcceptedPermissions(Map.of("tasks", List.of(Fixtures.TASKS_PERMISSIONS))));

    @Test
    void dropUpgradeAndRemove() throws Exception {
        Path folder =
                Files.createDirectories(RUNNING.host().config().getPlugins().getDeployDirectory());

        Files.copy(Fixtures.SAMPLE_V1, folder.resolve("sample-1.0.0.jar"));
        RUNNING.host().app().deployFolder().scan();

        JsonNode installed =
                RUNNING.host().admin("GET", "/admin/plugins/sample", null).json();
        assertThat(installed.get("version").asText()).isEqualTo("1.0.0");
        assertThat(installed.get("source").asText()).isEqualTo("deploy:sample-1.0.0.jar");
        assertThat(RUNNING.host().get("/api/sample").status()).isEqualTo(200);

        Files.copy(Fixtures.SAMPLE_V2, folder.resolve("sample-2.0.0.jar"));
        Files.delete(folder.resolve("sample-1.0.0.jar"));
        RUNNING.host().app().deployFolder().scan();

        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("2.0.0");

        Files.delete(folder.resolve("sample-2.0.0.jar"));
        RUNNING.host().app().deployFolder().scan();

        assertThat(RUNNING.host().admin("GET", "/admin/plugins/sample", null).status())
                .isEqualTo(404);
        assertThat(RUNNING.host().get("/api/sample").status()).isEqualTo(404);
    }

    @Test
    void anOlderJarDroppedAfterAnUninstallIsRefusedLikeARollback() throws Exception {
        Path folder =
                Files.createDirectories(RUNNING.host().config().getPlugins().getDeployDirectory());
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V2).status()).isEqualTo(201);
        assertThat(RUNNING.host().admin("DELETE", "/admin/plugins/sample", null).status())
                .isEqualTo(204);
        DatabaseSnapshot before = DatabaseSnapshot.of(RUNNING.database());

        Path jar = Files.copy(Fixtures.SAMPLE_V1, folder.resolve("sample-1.0.0.jar"));
        RUNNING.host().app().deployFolder().scan();

        JsonNode list = RUNNING.host().admin("GET", "/admin/plugins", null).json();
        assertThat(list.get("plugins").findValuesAsText("id")).doesNotContain("sample");
        JsonNode problem = problem(list, "sample-1.0.0.jar");
        assertThat(problem.get("error").asText()).isEqualTo("rollback refused");
        assertThat(problem.get("detail").asText())
                .contains("V2")
                .contains("1.0.0")
                .contains("forward-only")
                .contains("purge=true");
        assertThat(DatabaseSnapshot.of(RUNNING.database())).isEqualTo(before);

        Files.delete(jar);
        RUNNING.host().app().deployFolder().scan();
        RUNNING.purgeAllPlugins();
    }

    @Test
    void aRefusedJarIsListedWithItsReasonUntilItIsFixed() throws Exception {
        Path folder =
                Files.createDirectories(RUNNING.host().config().getPlugins().getDeployDirectory());
        Path jar = folder.resolve("faulty.jar");
        Files.copy(Fixtures.FAULTY, jar);

        RUNNING.host().app().deployFolder().scan();

        JsonNode list = RUNNING.host().admin("GET", "/admin/plugins", null).json();
        assertThat(list.get("plugins").findValuesAsText("id")).doesNotContain("faulty");
        JsonNode problem = list.get("deployProblems").get(0);
        assertThat(problem.get("file").asText()).isEqualTo("faulty.jar");
        assertThat(problem.get("error").asText()).isEqualTo("plugin failed to start");
        assertThat(problem.get("detail").asText()).contains("upstream service");

        Files.copy(Fixtures.TASKS, jar, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(
                jar,
                java.nio.file.attribute.FileTime.fromMillis(
                        Files.getLastModifiedTime(jar).toMillis() + 1000));
        RUNNING.host().app().deployFolder().scan();

        JsonNode fixed = RUNNING.host().admin("GET", "/admin/plugins", null).json();
        assertThat(fixed.get("deployProblems")).isEmpty();
        assertThat(fixed.get("plugins").findValuesAsText("id")).contains("tasks");
        Files.delete(jar);
        RUNNING.host().app().deployFolder().scan();
        assertThat(RUNNING.host().admin("GET", "/admin/plugins/tasks", null).status())
                .isEqualTo(404);
    }

    private static JsonNode problem(JsonNode list, String file) {
        for (JsonNode problem : list.get("deployProblems")) {
            if (problem.get("file").asText().equals(file)) {
                return problem;
            }
        }
        throw new AssertionError("No deploy problem for " + file + " in " + list);
    }
}
