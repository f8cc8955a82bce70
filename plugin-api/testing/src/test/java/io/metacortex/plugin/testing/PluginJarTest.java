package io.metacortex.plugin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link PluginJar} writes; the host's answer to such jars is {@code PluginJarOnHostTest} in host. */
class PluginJarTest {

    /** A plugin to put in jars. */
    public static final class Greeter implements Plugin {
        @Override
        public void start(PluginContext context) {}
    }

    @TempDir
    Path tempDir;

    @Test
    void writesTheHeadersBndWouldAndTheEntryClass() throws IOException {
        Jar jar = read(PluginJar.of("greeter", Greeter.class).toBytes());

        assertThat(jar.headers())
                .containsEntry("Bundle-ManifestVersion", "2")
                .containsEntry("Bundle-SymbolicName", "test.plugin.greeter")
                .containsEntry("Bundle-Version", "1.0.0")
                .containsEntry("MetaCortex-Plugin-Id", "greeter")
                .containsEntry("MetaCortex-Plugin-Name", "greeter")
                .containsEntry("MetaCortex-Plugin-Class", Greeter.class.getName())
                .containsEntry("Import-Package", PluginJar.API_IMPORT);
        assertThat(jar.entries()).containsOnlyKeys("io/metacortex/plugin/testing/PluginJarTest$Greeter.class");
    }

    @Test
    void variantsReplaceOrDropHeadersAndAddClassesAndResources() throws IOException {
        byte[] bytes = PluginJar.of("greeter", Greeter.class)
                .version("2.1.0")
                .importPackages(PluginJar.API_IMPORT, "jakarta.ws.rs;version=\"[3.1,4)\"")
                .header("MetaCortex-Plugin-Permissions", "users:read")
                .withoutHeader("MetaCortex-Plugin-Name")
                .addClasses(TestUsers.class)
                .addMigration("V1__create.sql", "CREATE TABLE t (id INT)")
                .addResource("metacortex/settings.json", "{}".getBytes(StandardCharsets.UTF_8))
                .toBytes();

        Jar jar = read(bytes);
        assertThat(jar.headers())
                .containsEntry("Bundle-Version", "2.1.0")
                .containsEntry("Import-Package", PluginJar.API_IMPORT + ",jakarta.ws.rs;version=\"[3.1,4)\"")
                .containsEntry("MetaCortex-Plugin-Permissions", "users:read")
                .doesNotContainKey("MetaCortex-Plugin-Name");
        assertThat(jar.entries())
                .containsKeys("io/metacortex/plugin/testing/TestUsers.class", "metacortex/settings.json")
                .containsEntry("db/migration/V1__create.sql", "CREATE TABLE t (id INT)");
    }

    @Test
    void writesAJarTheJdkReads() throws IOException {
        Path file = PluginJar.of("greeter", Greeter.class).writeTo(tempDir.resolve("greeter.jar"));

        try (JarFile jar = new JarFile(file.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("MetaCortex-Plugin-Id"))
                    .isEqualTo("greeter");
            assertThat(jar.getJarEntry("io/metacortex/plugin/testing/PluginJarTest$Greeter.class"))
                    .isNotNull();
        }
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void refusesAClassWithoutAClassFile() {
        assertThatThrownBy(() -> PluginJar.of("greeter", Greeter.class).addClasses(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java/lang/String.class");
    }

    /** The default import range follows the API this library is built with, as bnd's would. */
    @Test
    void theApiImportIsTheRangeOfTheApiOnTheClassPath() throws Exception {
        // The API's classes: its jar, or (in the reactor's test phase) its target/classes with bnd's manifest.
        Path api = Path.of(
                Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String exported;
        if (Files.isDirectory(api)) {
            try (InputStream in = Files.newInputStream(api.resolve("META-INF/MANIFEST.MF"))) {
                exported = new Manifest(in).getMainAttributes().getValue("Export-Package");
            }
        } else {
            try (JarFile jar = new JarFile(api.toFile())) {
                exported = jar.getManifest().getMainAttributes().getValue("Export-Package");
            }
        }
        String version =
                exported.replaceAll("(?s).*io\\.metacortex\\.plugin\\.api;[^,]*version=\"(\\d+\\.\\d+).*", "$1");
        String major = version.substring(0, version.indexOf('.'));

        assertThat(PluginJar.API_IMPORT)
                .isEqualTo(
                        "io.metacortex.plugin.api;version=\"[" + version + "," + (Integer.parseInt(major) + 1) + ")\"");
    }

    private record Jar(Map<String, String> headers, Map<String, String> entries) {}

    private static Jar read(byte[] bytes) throws IOException {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bytes))) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> header :
                    in.getManifest().getMainAttributes().entrySet()) {
                headers.put(((Attributes.Name) header.getKey()).toString(), (String) header.getValue());
            }
            Map<String, String> entries = new LinkedHashMap<>();
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
            return new Jar(headers, entries);
        }
    }
}
