package io.metacortex.host.code;

import io.metacortex.host.errors.HostException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads every class of a plugin bundle — at any path, so also those on its {@code Bundle-ClassPath} and under
 * {@code META-INF/versions} — and of every jar it embeds (up to {@value #MAX_DEPTH} levels deep), and collects
 * their forbidden references ({@link ClassCheck}).
 */
public final class BundleCode {

    static final int MAX_DEPTH = 3;
    private static final long MAX_BYTES = 1024L * 1024 * 1024;

    private final Set<CodeFinding> findings = new LinkedHashSet<>();
    private long read;

    private BundleCode() {}

    /**
     * @return the forbidden references of the jar's code, by entry, class and method
     * @throws HostException 400 when an embedded jar is damaged (an entry failing its CRC) or all of it inflates to
     *     more than 1 GB, 422 {@code unreadable class} when a class file cannot be read: code the host cannot check
     *     is refused
     */
    public static List<CodeFinding> findings(byte[] jar) {
        BundleCode code = new BundleCode();
        code.readJar("", jar, 0);
        return code.findings.stream()
                .sorted(Comparator.comparing(CodeFinding::entry)
                        .thenComparing(f -> f.method() == null ? "" : f.method())
                        .thenComparing(CodeFinding::call))
                .toList();
    }

    /**
     * Reads the jar through its central directory, as the JDK's {@link ZipFile} and so Felix do: the classes that
     * would be loaded are those checked, whatever its local headers say.
     */
    private void readJar(String prefix, byte[] jar, int depth) {
        Path file = null;
        String name = prefix.isEmpty() ? "(the bundle)" : prefix;
        try {
            file = Files.createTempFile("metacortex-code", ".jar");
            Files.write(file, jar);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    name = prefix + entry.getName();
                    if (entry.getName().endsWith(".class")) {
                        checkClass(name, content(name, zip, entry));
                    } else if (entry.getName().endsWith(".jar") && depth < MAX_DEPTH) {
                        readJar(name + "!/", content(name, zip, entry), depth + 1);
                    }
                }
            }
        } catch (ZipException e) {
            throw corrupt(name, String.valueOf(e.getMessage()));
        } catch (IOException e) {
            throw new HostException(
                    400, "not a valid jar", "Embedded jar " + name + " cannot be read: " + e.getMessage(), null);
        } finally {
            deleteQuietly(file);
        }
    }

    private byte[] content(String name, ZipFile zip, ZipEntry entry) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                read += n;
                if (read > MAX_BYTES) {
                    throw new HostException(
                            400,
                            "not a valid jar",
                            "The classes and jars of the bundle inflate to more than " + MAX_BYTES / (1024 * 1024)
                                    + " MB (at " + name + "); a plugin jar this unusual is refused.",
                            null);
                }
                content.write(chunk, 0, n);
            }
        }
        if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
            throw corrupt(name, "CRC mismatch");
        }
        return content.toByteArray();
    }

    private static HostException corrupt(String name, String why) {
        return new HostException(
                400, "not a valid jar", "Corrupt jar entry " + name + ": " + why + "; the jar is damaged.", null);
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

    private void checkClass(String entry, byte[] bytes) {
        try {
            ClassCheck.check(entry, bytes, findings);
        } catch (RuntimeException e) {
            throw new HostException(
                    422,
                    "unreadable class",
                    entry + " is not a class file the host can read (" + e.getMessage() + "); the host refuses code"
                            + " it cannot check.",
                    null);
        }
    }
}
