package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.HostState;
import io.metacortex.host.testing.Publisher;
import io.metacortex.host.testing.RunningHost.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * {@code POST /admin/plugins/preview} answers what an install or upgrade of a jar would do (imports, migrations and
 * rollback, permissions, signature, the API's difference) and changes nothing; its preview id makes the install or
 * upgrade refuse anything but what was previewed.
 */
class PluginPreviewTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    private static final String RESOURCE_CLASS = "io/metacortex/fixture/sample/SampleResource.class";

    @BeforeEach
    void noPlugins() {
        RUNNING.purgeAllPlugins();
    }

    @Test
    void previewOfAnInstall() {
        HostState before = HostState.of(RUNNING);

        JsonNode preview = preview("", Fixtures.bytes(Fixtures.SAMPLE_V1));

        before.assertSame(RUNNING);
        assertThat(preview.get("preview").asText()).startsWith("pv_");
        assertThat(preview.get("expiresAt").asText()).isNotBlank();
        assertThat(preview.get("action").asText()).isEqualTo("install");
        assertThat(preview.has("from")).isFalse();
        assertThat(preview.get("to").asText()).isEqualTo("1.0.0");
        assertThat(preview.get("refused").asBoolean()).as(preview.toString()).isFalse();
        assertThat(preview.get("permissionsAdded")).isEmpty();
        assertThat(preview.get("permissionsRemoved")).isEmpty();
        assertThat(preview.get("imports").findValuesAsText("name"))
                .containsExactly(
                        "com.codahale.metrics.health",
                        "io.metacortex.plugin.api",
                        "io.metacortex.plugin.api.jobs",
                        "jakarta.annotation.security",
                        "jakarta.validation",
                        "jakarta.validation.constraints",
                        "jakarta.ws.rs",
                        "jakarta.ws.rs.core",
                        "org.jdbi.v3.core",
                        "org.jdbi.v3.core.result",
                        "org.jdbi.v3.core.statement");
        JsonNode api = importOf(preview, "io.metacortex.plugin.api");
        assertThat(api.get("available")).hasSize(1);
        String exported = api.get("available").get(0).asText();
        // bnd writes the range from the API version the fixture was built against: the one the host exports.
        assertThat(api.get("range").asText()).isEqualTo("[" + exported.substring(0, exported.lastIndexOf('.')) + ",2)");
        assertThat(api.get("resolved").asBoolean()).isTrue();
        assertThat(api.get("optional").asBoolean()).isFalse();
        assertThat(preview.get("imports").findValuesAsText("resolved")).containsOnly("true");
        assertThat(preview.get("migrations").toString()).isEqualTo("{\"pending\":[\"V1__create_items.sql\"]}");
        assertThat(preview.get("signature").toString()).isEqualTo("{\"status\":\"unsigned\",\"required\":false}");
        assertThat(preview.get("api").get("available").asBoolean()).isTrue();
        assertThat(texts(preview.get("api").get("added")))
                .contains("GET /api/sample", "GET /api/sample/items", "POST /api/sample/items", "GET /api/sample/boom");
        assertThat(preview.get("api").get("removed")).isEmpty();
        assertThat(preview.get("api").get("breaking").asBoolean()).isFalse();
    }

    @Test
    void previewOfAnUpgrade() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        HostState before = HostState.of(RUNNING);

        JsonNode preview = preview("", Fixtures.bytes(Fixtures.SAMPLE_V2));

        before.assertSame(RUNNING);
        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("1.0.0");
        assertThat(preview.get("action").asText()).isEqualTo("upgrade");
        assertThat(preview.get("from").asText()).isEqualTo("1.0.0");
        assertThat(preview.get("to").asText()).isEqualTo("2.0.0");
        assertThat(preview.get("refused").asBoolean()).as(preview.toString()).isFalse();
        assertThat(texts(preview.get("migrations").get("pending"))).containsExactly("V2__add_item_note.sql");
        assertThat(preview.get("migrations").get("rollbackPossible").asBoolean())
                .isFalse();
        assertThat(preview.get("migrations").get("detail").asText())
                .isEqualTo("A rollback to 1.0.0 would be refused afterwards: it does not know V2, and migrations are"
                        + " forward-only.");
        assertThat(preview.get("api").get("added")).isEmpty();
        assertThat(preview.get("api").get("removed")).isEmpty();
        assertThat(preview.get("api").get("changed")).isEmpty();
        assertThat(preview.get("api").get("breaking").asBoolean()).isFalse();
        assertThat(preview.get("signature").get("status").asText()).isEqualTo("unsigned");

        JsonNode patch = preview("", Fixtures.asVersion(Fixtures.SAMPLE_V1, "1.0.1", Map.of()));
        assertThat(patch.get("migrations").get("pending")).isEmpty();
        assertThat(patch.get("migrations").get("rollbackPossible").asBoolean()).isTrue();
    }

    @Test
    void theFirstPartyPluginsApisAreReadFromTheirJars() {
        for (Path plugin : List.of(Fixtures.TASKS, Fixtures.NOTES, Fixtures.HABITS)) {
            JsonNode api = preview("", Fixtures.bytes(plugin)).get("api");

            assertThat(api.get("available").asBoolean()).as(plugin + ": " + api).isTrue();
            assertThat(api.get("added")).as(plugin.toString()).isNotEmpty();
        }
    }

    @Test
    void anApiThatCannotBeReadIsReportedUnavailable() {
        byte[] jar = withoutMethod(
                Fixtures.SAMPLE_V1, "1.0.0", "io/metacortex/fixture/sample/SampleResource$NewItem.class", null);

        JsonNode api = preview("", jar).get("api");

        assertThat(api.get("available").asBoolean()).isFalse();
        assertThat(api.get("detail").asText())
                .isEqualTo("The API of sample 1.0.0 cannot be read from its jar: class"
                        + " io.metacortex.fixture.sample.SampleResource$NewItem is neither in the jar nor in the host (it"
                        + " may come from another plugin)");
        assertThat(api.has("breaking")).isFalse();
    }

    @Test
    void anUpgradeThatRemovesAnOperationIsBreaking() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);

        JsonNode preview = preview("", withoutMethod(Fixtures.SAMPLE_V1, "1.1.0", RESOURCE_CLASS, "boom"));

        assertThat(texts(preview.get("api").get("removed"))).containsExactly("GET /api/sample/boom");
        assertThat(preview.get("api").get("breaking").asBoolean()).isTrue();
        assertThat(texts(preview.get("api").get("breakingChanges")))
                .containsExactly("operation removed: GET /api/sample/boom");
        // Breaking is for the admin to weigh: it does not refuse the upgrade.
        assertThat(preview.get("refused").asBoolean()).isFalse();
    }

    @Test
    void permissionsAddedAndRemovedByAnUpgrade() {
        byte[] withPermissions = Fixtures.withHeader(Fixtures.SAMPLE_V1, "MetaCortex-Plugin-Permissions", "users:read");
        assertThat(RUNNING.host().install(withPermissions, "users:read").status())
                .isEqualTo(201);
        byte[] next = Fixtures.rewrite(
                Fixtures.SAMPLE_V1,
                attributes -> {
                    attributes.putValue("Bundle-Version", "1.1.0");
                    attributes.putValue("MetaCortex-Plugin-Permissions", "secrets");
                },
                Map.of());

        JsonNode preview = preview("", next);

        assertThat(texts(preview.get("permissionsAdded"))).containsExactly("secrets");
        assertThat(texts(preview.get("permissionsRemoved"))).containsExactly("users:read");
        assertThat(texts(preview.get("permissionsToAccept"))).containsExactly("secrets");
        assertThat(preview.get("refusals").findValuesAsText("error")).containsExactly("permissions not accepted");
    }

    @Test
    void anImportTheHostCannotSatisfyIsUnresolvedAndRefused() {
        byte[] jar = Fixtures.withHeader(
                Fixtures.SAMPLE_V1,
                "Import-Package",
                "io.metacortex.plugin.api;version=\"[2.0,3)\",jakarta.ws.rs;version=\"[3.1,4)\","
                        + "com.example.missing;resolution:=optional");

        JsonNode preview = preview("", jar);

        JsonNode api = importOf(preview, "io.metacortex.plugin.api");
        assertThat(api.get("resolved").asBoolean()).isFalse();
        assertThat(api.get("range").asText()).isEqualTo("[2.0,3)");
        JsonNode optional = importOf(preview, "com.example.missing");
        assertThat(optional.get("optional").asBoolean()).isTrue();
        assertThat(optional.get("resolved").asBoolean()).isFalse();
        assertThat(optional.get("available")).isEmpty();
        assertThat(importOf(preview, "jakarta.ws.rs").get("resolved").asBoolean())
                .isTrue();
        assertThat(preview.get("refusals").findValuesAsText("error")).containsExactly("plugin cannot be resolved");
        assertThat(preview.get("refusals").get(0).get("detail").asText())
                .contains("package io.metacortex.plugin.api version [2.0,3) is required, but this host exports")
                .doesNotContain("com.example.missing");
        // The install refuses it as the preview said.
        Reply install = RUNNING.host().install(jar);
        assertThat(install.status()).isEqualTo(422);
        assertThat(install.json().get("error").asText()).isEqualTo("plugin cannot be resolved");
    }

    @Test
    void aSignedJarWithoutATruststoreIsSignedButNotChecked() throws IOException {
        Path keys = Files.createTempDirectory("preview-keys");
        try {
            Publisher publisher = Publisher.create(keys, "CN=Some Publisher, O=Somewhere");

            JsonNode preview = preview("", publisher.sign(Fixtures.bytes(Fixtures.SAMPLE_V1)));

            assertThat(preview.get("signature").toString())
                    .isEqualTo(
                            "{\"status\":\"signed\",\"signer\":\"CN=Some Publisher,O=Somewhere\",\"required\":false}");
            assertThat(preview.get("refused").asBoolean()).isFalse();
        } finally {
            try (var files = Files.walk(keys)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void theInstallAndUpgradePreviewedAreAccepted() {
        String install =
                preview("", Fixtures.bytes(Fixtures.SAMPLE_V1)).get("preview").asText();
        Reply installed =
                RUNNING.host().admin("POST", "/admin/plugins?preview=" + install, Fixtures.bytes(Fixtures.SAMPLE_V1));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);

        String upgrade =
                preview("", Fixtures.bytes(Fixtures.SAMPLE_V2)).get("preview").asText();
        Reply upgraded = RUNNING.host()
                .admin("PUT", "/admin/plugins/sample?preview=" + upgrade, Fixtures.bytes(Fixtures.SAMPLE_V2));
        assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(200);
        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("2.0.0");

        // Used: it cannot be used again.
        assertRefused(
                RUNNING.host()
                        .admin("PUT", "/admin/plugins/sample?preview=" + upgrade, Fixtures.bytes(Fixtures.SAMPLE_V2)),
                409,
                "preview expired");
    }

    @Test
    void anotherJarThanThePreviewedIsRefused() {
        String token = preview("", Fixtures.asVersion(Fixtures.SAMPLE_V1, "1.0.1", Map.of()))
                .get("preview")
                .asText();
        HostState before = HostState.of(RUNNING);

        Reply reply =
                RUNNING.host().admin("POST", "/admin/plugins?preview=" + token, Fixtures.bytes(Fixtures.SAMPLE_V1));

        assertRefused(reply, 409, "preview does not match");
        assertThat(reply.json().get("detail").asText()).contains("is not the jar previewed (SHA-256");
        before.assertSame(RUNNING);
    }

    @Test
    void otherPermissionsThanThePreviewedAreRefused() {
        String token = preview("?accept=users:read", Fixtures.bytes(Fixtures.SAMPLE_V1))
                .get("preview")
                .asText();
        HostState before = HostState.of(RUNNING);

        Reply reply =
                RUNNING.host().admin("POST", "/admin/plugins?preview=" + token, Fixtures.bytes(Fixtures.SAMPLE_V1));

        assertRefused(reply, 409, "preview does not match");
        assertThat(reply.json().get("detail").asText())
                .contains("?accept= differs from the preview's ?accept=users:read");
        before.assertSame(RUNNING);
    }

    @Test
    void anUpgradePreviewedAtAnotherInstalledVersionIsRefused() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        String token =
                preview("", Fixtures.bytes(Fixtures.SAMPLE_V2)).get("preview").asText();
        assertThat(RUNNING.host()
                        .upgrade("sample", Fixtures.asVersion(Fixtures.SAMPLE_V1, "1.0.1", Map.of()))
                        .status())
                .isEqualTo(200);
        HostState before = HostState.of(RUNNING);

        Reply reply = RUNNING.host()
                .admin("PUT", "/admin/plugins/sample?preview=" + token, Fixtures.bytes(Fixtures.SAMPLE_V2));

        assertRefused(reply, 409, "preview does not match");
        assertThat(reply.json().get("detail").asText())
                .contains("the preview was made with version 1.0.0 installed, and version 1.0.1 is installed now");
        before.assertSame(RUNNING);
    }

    @Test
    void anUnknownPreviewIsRefused() {
        HostState before = HostState.of(RUNNING);

        Reply reply =
                RUNNING.host().admin("POST", "/admin/plugins?preview=pv_nothing", Fixtures.bytes(Fixtures.SAMPLE_V1));

        assertRefused(reply, 409, "preview expired");
        before.assertSame(RUNNING);
    }

    @Test
    void withoutAPreviewAnInstallStillWorksUnlessRequired() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
    }

    private static JsonNode preview(String query, byte[] jar) {
        Reply reply = RUNNING.host().admin("POST", "/admin/plugins/preview" + query, jar);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode importOf(JsonNode preview, String name) {
        for (JsonNode i : preview.get("imports")) {
            if (i.get("name").asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("No import " + name + " in " + preview.get("imports"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    static void assertRefused(Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("error").asText()).isEqualTo(error);
        assertThat(reply.json().get("detail").asText()).contains("Preview");
    }

    /**
     * @return {@code jar} at {@code version} with one method removed from one class (an operation fewer), or without
     *     that class when {@code method} is null
     */
    static byte[] withoutMethod(Path jar, String version, String classEntry, String method) {
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(buffer, manifest)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equals(JarFile.MANIFEST_NAME)
                            || entry.getName().equals("META-INF/")) {
                        continue;
                    }
                    byte[] content;
                    try (InputStream stream = in.getInputStream(entry)) {
                        content = stream.readAllBytes();
                    }
                    if (method == null && entry.getName().equals(classEntry)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    out.write(entry.getName().equals(classEntry) ? removeMethod(content, method) : content);
                    out.closeEntry();
                }
            }
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] removeMethod(byte[] classFile, String method) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classFile)
                .accept(
                        new ClassVisitor(Opcodes.ASM9, writer) {
                            @Override
                            public MethodVisitor visitMethod(
                                    int access, String name, String descriptor, String signature, String[] exceptions) {
                                return name.equals(method)
                                        ? null
                                        : super.visitMethod(access, name, descriptor, signature, exceptions);
                            }
                        },
                        0);
        return writer.toByteArray();
    }
}
