package io.metacortex.host.plugin;

import io.metacortex.db.plugin.MigrationScript;
import io.metacortex.host.errors.HostException;
import io.metacortex.host.felix.PackageHeader;
import io.metacortex.host.modules.SettingsSchema;
import io.metacortex.host.modules.SettingsSchemaException;
import io.metacortex.plugin.api.PluginManifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.osgi.framework.Version;

/**
 * Validates an uploaded jar before anything is installed: a readable zip whose every entry checks out, an OSGi
 * manifest, the MetaCortex plugin headers, the migrations at {@link PluginManifest#MIGRATIONS_PATH}, the settings
 * schema at {@link PluginManifest#SETTINGS_SCHEMA_PATH}, and the signatures its {@link BundleSignatures} policy asks
 * for.
 */
public final class PluginBundleReader {

    private static final Pattern ID = Pattern.compile(PluginManifest.PLUGIN_ID_PATTERN);
    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(\\.[A-Za-z0-9_-]+)?");
    private static final String MIGRATION_PREFIX = PluginManifest.MIGRATIONS_PATH + "/";
    /** Plugin ids whose base path the host serves itself. */
    public static final java.util.Set<String> RESERVED_IDS = java.util.Set.of("me");

    private static final long MAX_INFLATION = 100;
    private static final long MIN_INFLATION_CHECK = 1024 * 1024;
    private static final long MAX_UNPACKED_BYTES = 1024L * 1024 * 1024;

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
        return read(bytes, true).bundle();
    }

    /** A jar read for a preview: its bundle, and its signature as the checks see it. */
    record Inspected(PluginBundle bundle, BundleSignature signature, String importPackage) {}

    /**
     * Reads a jar as {@link #read} does, except that its signature does not refuse it but is described (a jar changed
     * after signing still fails as it does there, when signatures are required: its entries cannot be read).
     */
    Inspected inspect(byte[] bytes) {
        return read(bytes, false);
    }

    private Inspected read(byte[] bytes, boolean verify) {
        Path file = null;
        try {
            file = Files.createTempFile("metacortex-upload", ".jar");
            Files.write(file, bytes);
            return read(file, bytes, verify);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
        }
    }

    /** Reads the upload saved in {@code file}: any failure to read it is the upload's fault, a 400. */
    private Inspected read(Path file, byte[] bytes, boolean verify) {
        try (JarFile jar = new JarFile(file.toFile(), true)) {
            Entries entries = readEntries(jar);
            checkLocalHeaders(bytes);
            Manifest manifest = manifest(jar);
            BundleSignature signature = null;
            if (verify) {
                signatures.verify(manifest, entries.read());
            } else {
                signature = signatures.inspect(manifest, entries.read());
            }
            if (manifest == null) {
                throw invalid("The jar has no META-INF/MANIFEST.MF; build it with bnd or maven-bundle-plugin.");
            }
            return new Inspected(
                    fromManifest(manifest.getMainAttributes(), entries, bytes),
                    signature,
                    manifest.getMainAttributes().getValue("Import-Package"));
        } catch (SecurityException e) {
            throw signatures.required() ? signatures.changedAfterSigning(e) : notAJar(e);
        } catch (IOException e) {
            throw notAJar(e);
        }
    }

    private static HostException notAJar(Exception e) {
        return new HostException(400, "not a valid jar", "The upload is not a readable jar file: " + e.getMessage(), e);
    }

    /** The entries of a bundle: all of them (for signature checks), and those the host reads itself. */
    private record Entries(List<JarEntry> read, List<MigrationScript> migrations, SettingsSchema settingsSchema) {}

    /**
     * Reads every entry (so a corrupt one fails here: its CRC, or the size the zip's directory declares) and keeps
     * the migration scripts and the settings schema. An entry that
     * inflates to more than {@value #MAX_INFLATION} times its compressed size, or entries inflating to more than
     * {@value #MAX_UNPACKED_BYTES} bytes in all, are refused as they are read, never held in memory.
     */
    private static Entries readEntries(JarFile jar) throws IOException {
        List<JarEntry> read = new ArrayList<>();
        List<MigrationScript> migrations = new ArrayList<>();
        SettingsSchema settingsSchema = SettingsSchema.NONE;
        Enumeration<JarEntry> entries = jar.entries();
        if (!entries.hasMoreElements()) {
            throw new HostException(400, "not a valid jar", "The upload is an empty zip archive.", null);
        }
        long unpacked = 0;
        byte[] chunk = new byte[64 * 1024];
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            boolean migration = name.startsWith(MIGRATION_PREFIX)
                    && name.endsWith(".sql")
                    && name.indexOf('/', MIGRATION_PREFIX.length()) < 0;
            boolean schema = name.equals(PluginManifest.SETTINGS_SCHEMA_PATH);
            ByteArrayOutputStream content = migration || schema ? new ByteArrayOutputStream() : null;
            long inflated = 0;
            long allowed = Math.max(MIN_INFLATION_CHECK, MAX_INFLATION * Math.max(1, entry.getCompressedSize()));
            CRC32 crc = new CRC32();
            try (InputStream in = new CheckedInputStream(jar.getInputStream(entry), crc)) {
                for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                    inflated += n;
                    unpacked += n;
                    if (inflated > allowed || unpacked > MAX_UNPACKED_BYTES) {
                        throw new HostException(
                                400,
                                "not a valid jar",
                                "Entry " + name + " inflates to more than "
                                        + (inflated > allowed
                                                ? MAX_INFLATION + " times its compressed size"
                                                : MAX_UNPACKED_BYTES / (1024 * 1024) + " MB with the entries before it")
                                        + "; a plugin jar this unusual is refused.",
                                null);
                    }
                    if (content != null) {
                        content.write(chunk, 0, n);
                    }
                }
            } catch (ZipException e) {
                throw corrupt(name, String.valueOf(e.getMessage()));
            }
            if (entry.getSize() >= 0 && entry.getSize() != inflated) {
                // Felix trusts the directory's size and would allocate that much to load the class.
                throw corrupt(name, "it holds " + inflated + " bytes, but the zip's directory says " + entry.getSize());
            }
            if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
                // Neither the JDK's zip reader nor Felix checks it: the class would fail (or differ) when loaded.
                throw corrupt(
                        name,
                        "CRC mismatch (the zip's directory says %08x, the content is %08x)"
                                .formatted(entry.getCrc(), crc.getValue()));
            }
            if (migration) {
                migrations.add(new MigrationScript(
                        name.substring(MIGRATION_PREFIX.length()), content.toString(StandardCharsets.UTF_8)));
            } else if (schema) {
                settingsSchema = settingsSchema(content.toByteArray());
            }
            read.add(entry);
        }
        migrations.sort(Comparator.comparing(MigrationScript::fileName));
        return new Entries(List.copyOf(read), List.copyOf(migrations), settingsSchema);
    }

    /**
     * Reads the upload once more as a stream, entry by entry from its local headers, as {@code unzip} and other
     * tools do: each entry's content must match the CRC its local header (or data descriptor) declares too.
     */
    private static void checkLocalHeaders(byte[] bytes) {
        String name = null;
        long unpacked = 0;
        byte[] chunk = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                name = entry.getName();
                for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                    unpacked += n;
                    if (unpacked > MAX_UNPACKED_BYTES) {
                        throw corrupt(
                                name,
                                "the entries read from the local headers inflate to more than "
                                        + MAX_UNPACKED_BYTES / (1024 * 1024) + " MB");
                    }
                }
            }
        } catch (ZipException e) {
            String message = String.valueOf(e.getMessage());
            throw corrupt(
                    name == null ? "(first)" : name,
                    message.contains("CRC") ? "CRC mismatch (its local header disagrees with its content)" : message);
        } catch (IOException e) {
            throw notAJar(e);
        }
    }

    private static HostException corrupt(String entry, String why) {
        return new HostException(
                400, "not a valid jar", "Corrupt jar entry " + entry + ": " + why + "; the jar is damaged.", null);
    }

    private static Manifest manifest(JarFile jar) throws ZipException {
        try {
            return jar.getManifest();
        } catch (ZipException e) {
            throw e;
        } catch (IOException e) {
            throw invalid("META-INF/MANIFEST.MF cannot be read: a manifest is UTF-8 text of 'Name: value' lines of"
                    + " at most 72 bytes, longer values continuing on lines that start with a space.");
        }
    }

    private static SettingsSchema settingsSchema(byte[] content) {
        try {
            return SettingsSchema.parse(content);
        } catch (SettingsSchemaException e) {
            throw new HostException(422, "invalid settings schema", e.getMessage(), null);
        }
    }

    private static PluginBundle fromManifest(Attributes headers, Entries entries, byte[] bytes) {
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
            throw invalid(
                    PluginManifest.PLUGIN_ID + " '" + id + "' is reserved: the host serves /api/" + id + " itself.");
        }
        String rawVersion = required(headers, "Bundle-Version");
        if (!SEMVER.matcher(rawVersion).matches()) {
            throw invalid("Bundle-Version '" + rawVersion + "' is not a semantic version MAJOR.MINOR.PATCH"
                    + " (with an optional .qualifier).");
        }
        Version version;
        try {
            version = Version.parseVersion(rawVersion);
        } catch (IllegalArgumentException e) {
            throw invalid("Bundle-Version '" + rawVersion + "' is not a valid OSGi version: each of MAJOR, MINOR"
                    + " and PATCH must be at most " + Integer.MAX_VALUE + ".");
        }
        List<String> selfImported =
                PackageHeader.selfImported(headers.getValue("Export-Package"), headers.getValue("Import-Package"));
        if (!selfImported.isEmpty()) {
            throw invalid("The bundle imports the packages it exports (" + String.join(", ", selfImported)
                    + "): during an upgrade the new version would use the old version's classes. Export them"
                    + " without importing them: @Export(substitution = Export.Substitution.NOIMPORT) on the package,"
                    + " or with bnd Import-Package: !" + selfImported.get(0) + ", *.");
        }
        return new PluginBundle(
                id,
                required(headers, PluginManifest.PLUGIN_NAME),
                headers.getValue(PluginManifest.PLUGIN_DESCRIPTION),
                version,
                symbolicName.split(";")[0].trim(),
                required(headers, PluginManifest.PLUGIN_CLASS),
                Permissions.parse(headers.getValue(PluginManifest.PLUGIN_PERMISSIONS)),
                entries.migrations(),
                entries.settingsSchema(),
                PackageHeader.packages(headers.getValue("Export-Package")),
                WellKnownClaims.parse(headers.getValue(PluginManifest.PLUGIN_WELL_KNOWN)),
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
