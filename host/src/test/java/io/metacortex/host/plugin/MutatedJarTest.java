package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.JarMutations;
import io.metacortex.host.testing.JarMutations.Mutant;
import io.metacortex.host.testing.RunningHost;
import io.metacortex.host.testing.RunningHost.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Damaged copies of a valid plugin jar ({@link JarMutations}) uploaded to a running host: each is refused with a
 * 4xx JSON error or installs as a working plugin (which is then purged), never a 5xx; and the host stays healthy,
 * its tasks plugin answering and its admin API agreeing with the database. The seed is printed and can be set
 * with {@code -Dmetacortex.mutation.seed=<n>} to repeat a run.
 */
class MutatedJarTest {

    private static final int MUTANTS = 200;
    private static final long SEED = Long.getLong("metacortex.mutation.seed", 20240611L);
    private static final Pattern LEAK = Pattern.compile(
            "\\b(java|javax|jakarta|org|io|com)\\.[a-z]+\\.[\\w.$]*" + "(Exception|Error)\\b|\\n\\s+at ");

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @BeforeAll
    static void installTasks() {
        assertThat(RUNNING.host()
                        .install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS)
                        .status())
                .isEqualTo(201);
        assertThat(RUNNING.host()
                        .postJson("/api/tasks", "{\"title\": \"survive\"}")
                        .status())
                .isEqualTo(201);
    }

    @AfterEach
    void hostStaysHealthy() {
        RunningHost host = RUNNING.host();
        Reply health = host.send(
                HttpRequest.newBuilder(host.adminPortUri("/healthcheck")).GET());
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        health.json()
                .forEach(check -> assertThat(check.get("healthy").asBoolean())
                        .as(health.body())
                        .isTrue());
        Reply tasks = host.get("/api/tasks");
        assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
        assertThat(tasks.body()).contains("survive");

        Map<String, String> listed = new TreeMap<>();
        host.admin("GET", "/admin/plugins", null)
                .json()
                .get("plugins")
                .forEach(p -> listed.put(
                        p.get("id").asText(),
                        p.get("version").asText() + " " + p.get("state").asText()));
        Map<String, String> registered = new TreeMap<>();
        DatabaseSnapshot.query(
                        RUNNING.database(), "SELECT id || '=' || version || ' ' || state FROM metacortex.plugins")
                .forEach(row -> registered.put(row.split("=")[0], row.split("=")[1]));
        assertThat(listed).isEqualTo(registered).containsOnlyKeys("tasks");
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(), "SELECT plugin_id || ' ' || version" + " FROM metacortex.plugin_bundles"))
                .containsExactly("tasks " + Fixtures.bundleVersion(Fixtures.TASKS));
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(), "SELECT nspname FROM pg_namespace" + " WHERE nspname LIKE 'plugin\\_%'"))
                .containsExactly("plugin_tasks");
    }

    @Test
    void everyMutantIsRefusedOrInstalledNeverAServerError() {
        System.out.println("MutatedJarTest seed " + SEED + " (-Dmetacortex.mutation.seed=" + SEED + " repeats it)");
        JarMutations mutations = new JarMutations(Fixtures.bytes(Fixtures.SAMPLE_V1), SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> installed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            Mutant mutant = mutations.next();
            String label = "seed " + SEED + ", mutant #" + i + ": " + mutant.description();
            Reply reply = RUNNING.host().install(mutant.bytes());
            statuses.merge(reply.status(), 1, Integer::sum);
            try {
                if (reply.status() == 201) {
                    installed.add(label);
                    assertInstalledThenPurged(label, reply.json().get("id").asText());
                } else {
                    assertRefused(label, reply);
                }
            } catch (AssertionError e) {
                failures.add(e.getMessage().strip());
            }
        }
        System.out.println("MutatedJarTest statuses " + statuses + "; installed: " + installed);
        assertThat(failures).as("seed " + SEED).isEmpty();
    }

    /** Regression: every entry was read whole into memory, however far it inflated. */
    @Test
    void anEntryInflatingFarBeyondItsCompressedSizeIsRefused() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(buffer)) {
            out.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            out.write("Manifest-Version: 1.0\r\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }

        Reply reply = RUNNING.host().install(buffer.toByteArray());

        assertRefused("64 MB of zeros", reply);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).contains("zeros.bin");
    }

    /** Regression: the OSGi version parser refused what the semantic version pattern let through, a 500. */
    @Test
    void aVersionPartBeyondIntegerRangeIsRefused() {
        Reply reply =
                RUNNING.host().install(Fixtures.withHeader(Fixtures.SAMPLE_V1, "Bundle-Version", "99999999999.0.0"));

        assertRefused("Bundle-Version 99999999999.0.0", reply);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid plugin metadata");
    }

    /** Regression: an unreadable manifest (here a line over 512 bytes) escaped as an I/O error, a 500. */
    @Test
    void anUnreadableManifestIsRefused() {
        Reply reply = RUNNING.host()
                .install(JarMutations.withRawManifestLine(
                        Fixtures.bytes(Fixtures.SAMPLE_V1), "X-Long: " + "y".repeat(600)));

        assertRefused("a manifest line of 600 bytes", reply);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid plugin metadata");
    }

    /** Regression: a class missing when Jersey inspected the resources escaped as a linkage error, a 500. */
    @Test
    void aClassMissingFromTheBundleIsRefusedWithoutInternals() {
        String missing = "io/metacortex/fixture/sample/SampleResource$NewItem.class";
        Reply reply = RUNNING.host().install(JarMutations.withoutEntry(Fixtures.bytes(Fixtures.SAMPLE_V1), missing));

        assertRefused("without " + missing, reply);
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("detail").asText()).contains("SampleResource$NewItem");
    }

    private static void assertInstalledThenPurged(String label, String id) {
        Reply about = RUNNING.host().get("/api/" + id);
        assertThat(about.status()).as(label + ": " + about).isEqualTo(200);
        assertThat(RUNNING.host()
                        .admin("DELETE", "/admin/plugins/" + id + "?purge=true", null)
                        .status())
                .as(label)
                .isEqualTo(204);
        assertThat(RUNNING.host().get("/api/" + id).status()).as(label).isEqualTo(404);
    }

    private static void assertRefused(String label, Reply reply) {
        assertThat(reply.status()).as(label + ": " + reply).isBetween(400, 499);
        assertThat(reply.contentType()).as(label).startsWith("application/json");
        JsonNode body = reply.json();
        assertThat(body.path("error").asText()).as(label + ": " + reply).isNotBlank();
        assertThat(body.path("detail").asText()).as(label + ": " + reply).isNotBlank();
        assertThat(LEAK.matcher(reply.body()).find())
                .as(label + " leaks internals: " + reply)
                .isFalse();
    }
}
