package io.metacortex.host.plugin;

import io.metacortex.db.plugin.MigrationScript;
import io.metacortex.host.errors.HostException;
import io.metacortex.plugin.api.PluginManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import org.osgi.framework.Version;

/**
 * Validates an uploaded jar before anything is installed: a readable zip whose every entry checks out, an OSGi
 * manifest, the MetaCortex plugin headers, the migrations at {@link PluginManifest#MIGRATIONS_PATH}, and the
 * signatures its {@link BundleSignatures} policy asks for.
 */
public final class PluginBundleReader {

    private static final Pattern ID = Pattern.compile(PluginManifest.PLUGIN_ID_PATTERN);
    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(\\.[A-Za-z0-9_-]+)?");
    private static final String MIGRATION_PREFIX = PluginManifest.MIGRATIONS_PATH + "/";
    /** Plugin ids whose base path the host serves itself. */
    public static final java.util.Set<String> RESERVED_IDS = java.util.Set.of("me");

    private final BundleSignatures signatures;

    /** @param signatures the signature policy every jar read must pass */
    public PluginBundleReader(BundleSignatures signatures) {
        this.signatures = signatures;
    }

    /**
     * @throws HostException 400 when the bytes are not a readable jar, 422 when its plugin metadata is wrong or,
     *     with signatures required, when it is unsigned, signed by an untrusted publisher or changed after signing
     */
    public PluginBundle read(byte[] bytes) {
        Path file = null;
        try {
            file = Files.createTempFile("metacortex-upload", ".jar");
            Files.write(file, bytes);
            try (JarFile jar = new JarFile(file.toFile(), true)) {
                Contents contents = readEntries(jar);
                Manifest manifest = jar.getManifest();
                signatures.verify(manifest, contents.entries());
                if (manifest == null) {
                    throw invalid("The jar has no META-INF/MANIFEST.MF; build it with bnd or maven-bundle-plugin.");
                }
                return fromManifest(manifest.getMainAttributes(), contents.migrations(), bytes);
            }
        } catch (SecurityException e) {
            throw signatures.required() ? signatures.changedAfterSigning(e) : notAJar(e);
        } catch (ZipException e) {
            throw notAJar(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
        }
    }

    private record Contents(List<JarEntry> entries, List<MigrationScript> migrations) {
    }

    /**
     * Reads every entry (so a corrupt one fails its CRC check, and a signed one its digest check, here) and keeps
     * the migration scripts.
     */
    private static Contents readEntries(JarFile jar) throws IOException {
        List<JarEntry> read = new ArrayList<>();
        List<MigrationScript> migrations = new ArrayList<>();
        Enumeration<JarEntry> entries = jar.entries();
        if (!entries.hasMoreElements()) {
            throw new HostException(400, "not a valid jar", "The upload is an empty zip archive.", null);
        }
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            try (InputStream in = jar.getInputStream(entry)) {
                byte[] content = in.readAllBytes();
                String name = entry.getName();
                if (name.startsWith(MIGRATION_PREFIX) && name.endsWith(".sql")
                        && name.indexOf('/', MIGRATION_PREFIX.length()) < 0) {
                    migrations.add(new MigrationScript(name.substring(MIGRATION_PREFIX.length()),
                            new String(content, StandardCharsets.UTF_8)));
                }
            }
            read.add(entry);
        }
        migrations.sort(Comparator.comparing(MigrationScript::fileName));
        return new Contents(List.copyOf(read), List.copyOf(migrations));
    }

    private static HostException notAJar(Exception e) {
        return new HostException(400, "not a valid jar", "The upload is not a readable jar file: " + e.getMessage(), e);
    }

    private static PluginBundle fromManifest(Attributes headers, List<MigrationScript> migrations, byte[] bytes) {
        String symbolicName = required(headers, "Bundle-SymbolicName");
        if (!"2".equals(headers.getValue("Bundle-ManifestVersion"))) {
            throw invalid("Bundle-ManifestVersion must be 2 (an OSGi R4+ bundle).");
        }
        String id = required(headers, PluginManifest.PLUGIN_ID);
        if (!ID.matcher(id).matches()) {
            throw invalid(PluginManifest.PLUGIN_ID + " '" + id + "' is not a valid plugin id: it must match "
                    + PluginManifest.PLUGIN_ID_PATTERN + " (lower-case letters, digits and '-', 2 to 32"
                    + " characters, starting with a letter).");
        }
        if (RESERVED_IDS.contains(id)) {
            throw invalid(PluginManifest.PLUGIN_ID + " '" + id + "' is reserved: the host serves /api/" + id
                    + " itself.");
        }
        String rawVersion = required(headers, "Bundle-Version");
        if (!SEMVER.matcher(rawVersion).matches()) {
            throw invalid("Bundle-Version '" + rawVersion + "' is not a semantic version MAJOR.MINOR.PATCH"
                    + " (with an optional .qualifier).");
        }
        return new PluginBundle(
                id,
                required(headers, PluginManifest.PLUGIN_NAME),
                headers.getValue(PluginManifest.PLUGIN_DESCRIPTION),
                Version.parseVersion(rawVersion),
                symbolicName.split(";")[0].trim(),
                required(headers, PluginManifest.PLUGIN_CLASS),
                Permissions.parse(headers.getValue(PluginManifest.PLUGIN_PERMISSIONS)),
                migrations,
                sha256(bytes),
                bytes);
    }

    private static String required(Attributes headers, String name) {
        String value = headers.getValue(name);
        if (value == null || value.isBlank()) {
            throw invalid("The manifest has no " + name + " header; see the plugin guide in the README.");
        }
        return value.trim();
    }

    private static HostException invalid(String detail) {
        return new HostException(422, "invalid plugin metadata", detail, null);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file; the OS cleans it up
            }
        }
    }
}
