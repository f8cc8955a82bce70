package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.HostState;
import io.metacortex.host.testing.RunningHost.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile plugins installed through the running host: each is refused {@code 422 forbidden code} naming the class,
 * method and call, quickly, and leaves nothing behind (registry, schema, role, kept bundle); the host keeps serving
 * the other plugins and the admin API. The install preview shows the same without installing.
 */
class ForbiddenCodeTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    /** What the build packaged as tasks: the version an upgrade refused leaves serving. */
    private static final String TASKS_VERSION = Fixtures.bundleVersion(Fixtures.TASKS);

    private HostState before;
    /** Roles are the server's, shared with other test classes' databases: compared, not expected to be none. */
    private List<String> hostileRoles;

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

    @BeforeEach
    void snapshot() {
        before = HostState.of(RUNNING);
        hostileRoles = hostileRoles();
    }

    private static List<String> hostileRoles() {
        return DatabaseSnapshot.query(
                RUNNING.database(),
                "SELECT rolname FROM pg_roles WHERE rolname LIKE 'plugin\\_hostile%' ORDER BY rolname");
    }

    @AfterEach
    void nothingChangedAndTheHostServes() {
        before.assertSame(RUNNING);
        assertThat(hostileRoles()).isEqualTo(hostileRoles);
        Reply tasks = RUNNING.host().get("/api/tasks");
        assertThat(tasks.status()).isEqualTo(200);
        assertThat(tasks.body()).contains("survive");
        assertThat(RUNNING.host().admin("GET", "/admin/plugins/tasks", null).status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({
        "exitinstart, ExitinstartPlugin, start(io.metacortex.plugin.api.PluginContext), java.lang.System.exit(int),"
                + " process control",
        "exitroute, ExitroutePlugin$Routes, halt(), java.lang.Runtime.halt(int), process control",
        "files, FilesPlugin$Routes, steal(), java.lang.System.getenv(java.lang.String), files and environment",
        "threads, ThreadsPlugin, start(io.metacortex.plugin.api.PluginContext),"
                + " new java.lang.Thread(java.lang.Runnable), thread creation",
        "socket, SocketPlugin$Routes, raw(int), 'new java.net.Socket(java.lang.String, int)', raw network",
        "reflect, ReflectPlugin$Routes, open(), java.lang.reflect.Field.setAccessible(boolean),"
                + " reflection that opens code",
        "jdbc, JdbcPlugin$Routes, login(java.lang.String), 'java.sql.DriverManager.getConnection(java.lang.String,"
                + " java.lang.String, java.lang.String)', JDBC"
    })
    void aHostilePluginIsRefusedNamingWhatItCalls(
            String behaviour, String type, String method, String call, String category) {
        Instant start = Instant.now();
        Reply reply = RUNNING.host().install(Fixtures.hostile(behaviour));

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertForbidden(reply);
        assertThat(reply.json().get("detail").asText()).contains("hostile-" + behaviour + " 1.0.0");
        assertThat(findings(reply))
                .contains(String.join(
                        " | ",
                        "io.metacortex.fixture.hostile." + behaviour + "." + type,
                        method,
                        call,
                        category,
                        "null"));
        assertThat(RUNNING.host().get("/api/hostile-" + behaviour).status()).isEqualTo(404);
    }

    @Test
    void anUpgradeWhoseEmbeddedLibraryCallsSystemExitIsRefused() {
        byte[] library = Fixtures.hostile("exitinstart");
        byte[] upgrade = withLibrary(Fixtures.TASKS, "lib/evil.jar", library);

        Reply reply = RUNNING.host().admin("PUT", "/admin/plugins/tasks?force=true", upgrade);

        assertForbidden(reply);
        assertThat(reply.json().get("findings").get(0).get("entry").asText())
                .isEqualTo("lib/evil.jar!/io/metacortex/fixture/hostile/exitinstart/ExitinstartPlugin.class");
        assertThat(reply.json().get("detail").asText())
                .contains("Version " + TASKS_VERSION + " is unchanged and keeps serving");
    }

    @Test
    void theDeployFolderListsAHostileJarAsAProblem() throws IOException {
        Path deploy = RUNNING.host().config().getPlugins().getDeployDirectory();
        java.nio.file.Files.createDirectories(deploy);
        Path jar = deploy.resolve("hostile-threads.jar");
        java.nio.file.Files.write(jar, Fixtures.hostile("threads"));
        try {
            RUNNING.host().app().deployFolder().scan();

            JsonNode problems =
                    RUNNING.host().admin("GET", "/admin/plugins", null).json().get("deployProblems");
            assertThat(problems).hasSize(1);
            assertThat(problems.get(0).get("error").asText()).isEqualTo("forbidden code");
            assertThat(problems.get(0).get("detail").asText()).contains("new java.lang.Thread");
        } finally {
            java.nio.file.Files.delete(jar);
            RUNNING.host().app().deployFolder().scan();
        }
    }

    @Test
    void previewOfACleanInstall() {
        Reply reply = preview("", Fixtures.bytes(Fixtures.GRANTED));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode preview = reply.json();
        assertThat(preview.get("id").asText()).isEqualTo("granted");
        assertThat(preview.get("action").asText()).isEqualTo("install");
        assertThat(preview.has("from")).isFalse();
        assertThat(preview.get("to").asText()).isEqualTo("1.0.0");
        assertThat(preview.get("findings")).isEmpty();
        assertThat(preview.get("permissionsToAccept").toString())
                .isEqualTo("[\"http:outbound(127.0.0.1)\",\"users:read\"]");
        assertThat(preview.get("refused").asBoolean()).isTrue();
        assertThat(preview.get("refusals").get(0).get("error").asText()).isEqualTo("permissions not accepted");

        JsonNode accepted = preview("?accept=users:read,http:outbound(127.0.0.1)", Fixtures.bytes(Fixtures.GRANTED))
                .json();
        assertThat(accepted.get("permissionsToAccept")).isEmpty();
        assertThat(accepted.get("refused").asBoolean()).isFalse();
        assertThat(accepted.get("refusals")).isEmpty();
    }

    @Test
    void previewOfAHostileJar() {
        JsonNode preview = preview("", Fixtures.hostile("exitroute")).json();

        assertThat(preview.get("refused").asBoolean()).isTrue();
        assertThat(preview.get("codeTrusted").asBoolean()).isFalse();
        assertThat(preview.get("refusals").get(0).get("error").asText()).isEqualTo("forbidden code");
        assertThat(preview.get("refusals").get(0).get("detail").asText()).contains("this is a preview");
        assertThat(preview.get("findings"))
                .extracting(f -> f.get("call").asText())
                .containsExactlyInAnyOrder("java.lang.System::exit (method reference)", "java.lang.Runtime.halt(int)");
    }

    @Test
    void previewOfAnUpgrade() {
        JsonNode same = preview("", Fixtures.bytes(Fixtures.TASKS)).json();

        assertThat(same.get("action").asText()).isEqualTo("upgrade");
        assertThat(same.get("from").asText()).isEqualTo(TASKS_VERSION);
        assertThat(same.get("to").asText()).isEqualTo(TASKS_VERSION);
        assertThat(same.get("permissions").toString()).isEqualTo("[\"users:read\"]");
        assertThat(same.get("permissionsToAccept")).isEmpty();
        assertThat(same.get("refusals"))
                .extracting(r -> r.get("error").asText())
                .containsExactly("version not newer");

        JsonNode forced = preview("?force=true", Fixtures.bytes(Fixtures.TASKS)).json();
        assertThat(forced.get("refused").asBoolean()).isFalse();
    }

    @Test
    void previewOfWhatIsNotAJar() {
        byte[] noise = new byte[2048];
        new Random(3).nextBytes(noise);

        Reply reply = preview("", noise);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("not a valid jar");
        assertThat(preview("", new byte[0]).status()).isEqualTo(400);
    }

    private static Reply preview(String query, byte[] jar) {
        return RUNNING.host().admin("POST", "/admin/plugins/preview" + query, jar);
    }

    private static void assertForbidden(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("error").asText()).isEqualTo("forbidden code");
        assertThat(reply.json().get("detail").asText()).endsWith(".");
    }

    /** Each finding as {@code class | method | call | category | unlockedBy}. */
    private static List<String> findings(Reply reply) {
        List<String> findings = new ArrayList<>();
        reply.json()
                .get("findings")
                .forEach(f -> findings.add(String.join(
                        " | ",
                        f.get("class").asText(),
                        f.path("method").asText(),
                        f.get("call").asText(),
                        f.get("category").asText(),
                        f.get("unlockedBy").isNull()
                                ? "null"
                                : f.get("unlockedBy").asText())));
        return findings;
    }

    /** {@code jar} with {@code library} embedded at {@code path} and on its Bundle-ClassPath. */
    private static byte[] withLibrary(Path jar, String path, byte[] library) {
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-ClassPath", ".," + path);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(buffer, manifest)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equals(JarFile.MANIFEST_NAME)
                            || entry.getName().equals("META-INF/")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(out);
                    }
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry(path));
                out.write(library);
                out.closeEntry();
            }
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
