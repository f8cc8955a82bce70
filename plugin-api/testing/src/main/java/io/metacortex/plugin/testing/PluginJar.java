package io.metacortex.plugin.testing;

import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds a plugin bundle inside a test, to install variants of a plugin on a host (another version, another import
 * range, a header missing, an extra migration) without a build per variant. The manifest starts as bnd would write
 * it for a plugin compiled against this API, and every header can be replaced or removed:
 *
 * <pre>{@code
 * byte[] jar = PluginJar.of("greeting", GreetingPlugin.class)
 *         .version("1.1.0")
 *         .addClasses(GreetingResource.class, Greeting.class)
 *         .addMigration("V2__add_language.sql", "ALTER TABLE greetings ADD COLUMN language TEXT")
 *         .toBytes();
 * byte[] tooNew = PluginJar.of("greeting", GreetingPlugin.class)
 *         .importPackages("io.metacortex.plugin.api;version=\"[2.0,3)\"")
 *         .toBytes();   // the host answers 422 plugin cannot be resolved
 * }</pre>
 *
 * <p>Classes are copied from the test's class path as they are (nested classes are not added by themselves: list
 * them); nothing is compiled or analysed, so {@link #importPackages} must name every package outside the bundle that
 * its classes use, as bnd's {@code Import-Package} would. Not thread-safe; build one jar per builder chain.
 */
public final class PluginJar {

    /** The import range bnd writes for the plugin API this library is released with. */
    public static final String API_IMPORT = "io.metacortex.plugin.api;version=\"[1.4,2)\"";

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    private PluginJar(String pluginId, Class<? extends Plugin> pluginClass) {
        headers.put("Manifest-Version", "1.0");
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", "test.plugin." + pluginId);
        headers.put("Bundle-Version", "1.0.0");
        headers.put(PluginManifest.PLUGIN_ID, pluginId);
        headers.put(PluginManifest.PLUGIN_NAME, pluginId);
        headers.put(PluginManifest.PLUGIN_CLASS, pluginClass.getName());
        headers.put("Import-Package", API_IMPORT);
        addClasses(pluginClass);
    }

    /**
     * A bundle of plugin {@code pluginId} at 1.0.0 holding {@code pluginClass} as its entry class, importing the
     * plugin API only.
     */
    public static PluginJar of(String pluginId, Class<? extends Plugin> pluginClass) {
        return new PluginJar(pluginId, pluginClass);
    }

    /** Sets {@code Bundle-Version}. */
    public PluginJar version(String version) {
        return header("Bundle-Version", version);
    }

    /** Replaces {@code Import-Package} with these clauses, e.g. {@code API_IMPORT, "jakarta.ws.rs;version=\"[3.1,4)\""}. */
    public PluginJar importPackages(String... clauses) {
        return header("Import-Package", String.join(",", clauses));
    }

    /** Sets a manifest header, replacing the default one of that name. */
    public PluginJar header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Leaves a header out of the manifest, e.g. {@code MetaCortex-Plugin-Class} to see the host refuse the jar. */
    public PluginJar withoutHeader(String name) {
        headers.remove(name);
        return this;
    }

    /**
     * Copies each class file from the class path as the test sees it.
     *
     * @throws IllegalArgumentException for a class whose class file cannot be read as a resource (e.g. a JDK class)
     */
    public PluginJar addClasses(Class<?>... classes) {
        for (Class<?> type : classes) {
            String path = type.getName().replace('.', '/') + ".class";
            ClassLoader loader = type.getClassLoader();
            try (InputStream in = loader == null ? null : loader.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalArgumentException("No class file " + path + " on the class path of " + type);
                }
                entries.put(path, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Adds a migration at the fixed path the host reads, {@code db/migration/<fileName>}. */
    public PluginJar addMigration(String fileName, String sql) {
        return addResource("db/migration/" + fileName, sql.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds (or replaces) an entry, e.g. {@code metacortex/settings.json}. */
    public PluginJar addResource(String path, byte[] content) {
        entries.put(path, content.clone());
        return this;
    }

    /** @return the jar, manifest first as the JDK's and Felix's readers expect it */
    public byte[] toBytes() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        headers.forEach((name, value) -> main.put(new Attributes.Name(name), value));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the jar to {@code file}. @return {@code file} */
    public Path writeTo(Path file) throws IOException {
        Files.write(file, toBytes());
        return file;
    }
}
