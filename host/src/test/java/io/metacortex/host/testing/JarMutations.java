package io.metacortex.host.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Damaged copies of a valid plugin jar, drawn from a seeded {@link Random} so a run can be repeated: byte flips,
 * truncations, manifest edits (headers dropped or garbled, bad versions, ids and imports, broken manifest syntax),
 * duplicated, renamed and removed entries, migrations replaced by garbage, and central-directory size and CRC lies.
 */
public final class JarMutations {

    /** A mutated jar and what was done to it. */
    public record Mutant(String description, byte[] bytes) {}

    private static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final List<String> HEADERS = List.of(
            "Bundle-SymbolicName",
            "Bundle-ManifestVersion",
            "Bundle-Version",
            "MetaCortex-Plugin-Id",
            "MetaCortex-Plugin-Name",
            "MetaCortex-Plugin-Class",
            "MetaCortex-Plugin-Description",
            "Import-Package",
            "Manifest-Version");
    private static final List<String> VERSIONS = List.of(
            "1",
            "1.0",
            "1.0.0.0.0",
            "-1.0.0",
            "1.0.0-SNAPSHOT",
            "99999999999.0.0",
            "",
            " ",
            "1.0.0.bad qualifier",
            "a.b.c",
            "1..0",
            "2.0.0",
            "1.0.1.beta");
    private static final List<String> IDS = List.of(
            "",
            "A",
            "x",
            "1abc",
            "-",
            "a".repeat(40),
            "sample/..",
            "../etc",
            "sample plugin",
            "ñandú",
            "sample-b",
            "tasks",
            "admin",
            "sample;x",
            "sample\u0000");
    private static final List<String> IMPORTS = List.of(
            "org.nonexistent",
            "io.metacortex.plugin.api;version=\"[2,3)\"",
            "garbage;;;",
            "io.metacortex.plugin.api;version=\"[abc\"",
            ";resolution:=optional",
            "org.eclipse.jetty.server",
            "io.metacortex.host.plugin",
            "jakarta.ws.rs;version=\"[9,10)\",io.metacortex.plugin.api",
            "\"",
            "a,,b");
    private static final String GARBAGE_CHARS = "abcXYZ019 ;,=\"'()[]{}:.-_/\\*%$#@!~é€\t";

    private final Map<String, byte[]> entries;
    private final byte[] original;
    private final Random random;
    private final List<Function<Random, Mutant>> kinds = List.of(
            this::flipBytes,
            this::truncate,
            this::dropHeader,
            this::garbleHeader,
            this::badVersion,
            this::badId,
            this::badImport,
            this::brokenManifestSyntax,
            this::duplicateEntry,
            this::renameEntry,
            this::removeEntry,
            this::garbageMigration,
            this::extraMigration,
            this::sizeLie);

    /** @param jar a valid plugin jar; @param seed the seed every mutant is drawn from */
    public JarMutations(byte[] jar, long seed) {
        this.original = jar.clone();
        this.entries = unzip(jar);
        this.random = new Random(seed);
    }

    /** @return {@code jar} without the entry {@code name} */
    public static byte[] withoutEntry(byte[] jar, String name) {
        Map<String, byte[]> entries = unzip(jar);
        entries.remove(name);
        return zip(entries);
    }

    /** @return {@code jar} with {@code line} appended to its manifest as it is, unfolded */
    public static byte[] withRawManifestLine(byte[] jar, String line) {
        Map<String, byte[]> entries = unzip(jar);
        entries.put(MANIFEST, concat(entries.get(MANIFEST), (line + "\r\n").getBytes(StandardCharsets.UTF_8)));
        return zip(entries);
    }

    /** @return the next mutant */
    public Mutant next() {
        return kinds.get(random.nextInt(kinds.size())).apply(random);
    }

    private Mutant flipBytes(Random r) {
        byte[] bytes = original.clone();
        int flips = 1 + r.nextInt(8);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < flips; i++) {
            int position = r.nextInt(bytes.length);
            bytes[position] ^= (byte) (1 + r.nextInt(255));
            at.add(position);
        }
        return new Mutant("bytes flipped at " + at, bytes);
    }

    private Mutant truncate(Random r) {
        int length = r.nextInt(original.length);
        return new Mutant(
                "truncated to " + length + " of " + original.length + " bytes", Arrays.copyOf(original, length));
    }

    private Mutant dropHeader(Random r) {
        String header = pick(r, HEADERS);
        return withManifest("header " + header + " dropped", manifestWith(header, null));
    }

    private Mutant garbleHeader(Random r) {
        String header = pick(r, HEADERS);
        StringBuilder value = new StringBuilder();
        for (int i = r.nextInt(30); i >= 0; i--) {
            value.append(GARBAGE_CHARS.charAt(r.nextInt(GARBAGE_CHARS.length())));
        }
        return withManifest("header " + header + " = '" + value + "'", manifestWith(header, value.toString()));
    }

    private Mutant badVersion(Random r) {
        String version = pick(r, VERSIONS);
        return withManifest("Bundle-Version '" + version + "'", manifestWith("Bundle-Version", version));
    }

    private Mutant badId(Random r) {
        String id = pick(r, IDS);
        return withManifest("plugin id '" + id + "'", manifestWith("MetaCortex-Plugin-Id", id));
    }

    private Mutant badImport(Random r) {
        String imports = pick(r, IMPORTS);
        return withManifest("Import-Package '" + imports + "'", manifestWith("Import-Package", imports));
    }

    private Mutant brokenManifestSyntax(Random r) {
        String manifest = new String(entries.get(MANIFEST), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(manifest.lines().toList());
        int line = r.nextInt(lines.size());
        return switch (r.nextInt(6)) {
            case 0 -> {
                lines.set(line, lines.get(line).replaceFirst(":", ""));
                yield withManifest("manifest line " + line + " without its colon", lines);
            }
            case 1 -> {
                lines.add(0, " a continuation with nothing to continue");
                yield withManifest("manifest starting with a continuation line", lines);
            }
            case 2 ->
                new Mutant(
                        "manifest of invalid UTF-8", zip(replaced(MANIFEST, concat(entries.get(MANIFEST), new byte[] {
                            (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'
                        }))));
            case 3 -> new Mutant("empty manifest", zip(replaced(MANIFEST, new byte[0])));
            case 4 ->
                new Mutant(
                        "manifest line of 600 bytes",
                        zip(replaced(
                                MANIFEST,
                                concat(
                                        entries.get(MANIFEST),
                                        ("X-Long: " + "y".repeat(600) + "\r\n").getBytes(StandardCharsets.UTF_8)))));
            default -> {
                lines.set(line, lines.get(line) + "\u0000");
                yield withManifest("NUL at the end of manifest line " + line, lines);
            }
        };
    }

    /** A second entry of the same name: the zip writer refuses that, so it is written under a placeholder. */
    private Mutant duplicateEntry(Random r) {
        String name = pick(r, List.copyOf(entries.keySet()));
        byte[] content = switch (r.nextInt(3)) {
            case 0 -> entries.get(name);
            case 1 -> "CREATE TABLE garbage (".getBytes(StandardCharsets.UTF_8);
            default ->
                new String(entries.get(MANIFEST), StandardCharsets.UTF_8)
                        .replace("MetaCortex-Plugin-Id: sample", "MetaCortex-Plugin-Id: other")
                        .getBytes(StandardCharsets.UTF_8);
        };
        String placeholder = "#".repeat(name.length());
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(placeholder, content);
        byte[] bytes = zip(copy);
        replaceAll(bytes, placeholder.getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_8));
        return new Mutant("entry " + name + " twice (" + content.length + " bytes the second time)", bytes);
    }

    private Mutant renameEntry(Random r) {
        String name = pick(r, List.copyOf(entries.keySet()));
        String to = pick(
                r,
                List.of(
                        name + ".bak",
                        "../" + name,
                        "/" + name,
                        name.replace('/', '\\'),
                        "db/migration/V1_misnamed.sql",
                        "db/migration/v1__lower.sql",
                        "db/migration/nested/V9__x.sql",
                        name.toUpperCase()));
        Map<String, byte[]> copy = new LinkedHashMap<>();
        entries.forEach((n, content) -> copy.put(n.equals(name) ? to : n, content));
        return new Mutant("entry " + name + " renamed to " + to, zip(copy));
    }

    private Mutant removeEntry(Random r) {
        String name = pick(r, List.copyOf(entries.keySet()));
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.remove(name);
        return new Mutant("entry " + name + " removed", zip(copy));
    }

    private Mutant garbageMigration(Random r) {
        String migration = entries.keySet().stream()
                .filter(n -> n.endsWith(".sql"))
                .findFirst()
                .orElseThrow();
        byte[] garbage = switch (r.nextInt(4)) {
            case 0 -> "CREAT TABLE items (id SERIAL PRIMARY KEY".getBytes(StandardCharsets.UTF_8);
            case 1 -> randomBytes(r, 1 + r.nextInt(200));
            case 2 -> new byte[0];
            default -> "SELECT 1;".getBytes(StandardCharsets.UTF_8);
        };
        return new Mutant(
                migration + " replaced by " + garbage.length + " bytes of garbage", zip(replaced(migration, garbage)));
    }

    private Mutant extraMigration(Random r) {
        String name = pick(
                r,
                List.of(
                        "V0__first.sql",
                        "V1__duplicate_version.sql",
                        "V2__garbage.sql",
                        "V1.1__dotted.sql",
                        "V99999999999999999999__huge.sql",
                        "R__repeatable.sql",
                        "U1__undo.sql"));
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(
                "db/migration/" + name,
                (r.nextBoolean() ? "SELECT 1;" : "DROP TABL x").getBytes(StandardCharsets.UTF_8));
        return new Mutant("extra migration " + name, zip(copy));
    }

    /** Patches an entry's CRC, compressed size, size or local header offset in the central directory. */
    private Mutant sizeLie(Random r) {
        byte[] bytes = original.clone();
        ByteBuffer zip = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int end = bytes.length - 22;
        while (zip.getInt(end) != 0x06054b50) {
            end--;
        }
        int count = Short.toUnsignedInt(zip.getShort(end + 10));
        int header = zip.getInt(end + 16);
        int target = r.nextInt(count);
        for (int i = 0; i < target; i++) {
            header += 46
                    + Short.toUnsignedInt(zip.getShort(header + 28))
                    + Short.toUnsignedInt(zip.getShort(header + 30))
                    + Short.toUnsignedInt(zip.getShort(header + 32));
        }
        String name =
                new String(bytes, header + 46, Short.toUnsignedInt(zip.getShort(header + 28)), StandardCharsets.UTF_8);
        int field = pick(r, List.of(16, 20, 24, 42));
        int old = zip.getInt(header + field);
        int lie = pick(r, List.of(0, -1, old + 1, old - 1, r.nextInt(), old * 1000));
        zip.putInt(header + field, lie);
        String what = switch (field) {
            case 16 -> "CRC";
            case 20 -> "compressed size";
            case 24 -> "size";
            default -> "local header offset";
        };
        return new Mutant(name + ": central directory " + what + " " + old + " -> " + lie, bytes);
    }

    private List<String> manifestWith(String header, String value) {
        List<String> lines = new ArrayList<>();
        boolean skipping = false;
        for (String line : unfolded()) {
            boolean match = line.regionMatches(true, 0, header + ":", 0, header.length() + 1);
            skipping = match;
            if (!skipping) {
                lines.add(line);
            }
        }
        if (value != null) {
            lines.add(header + ": " + value);
        }
        return lines;
    }

    /** The manifest's lines with continuation lines joined. */
    private List<String> unfolded() {
        List<String> lines = new ArrayList<>();
        for (String line : new String(entries.get(MANIFEST), StandardCharsets.UTF_8)
                .lines()
                .toList()) {
            if (line.startsWith(" ") && !lines.isEmpty()) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + line.substring(1));
            } else if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private Mutant withManifest(String description, List<String> lines) {
        StringBuilder manifest = new StringBuilder();
        lines.forEach(line -> manifest.append(folded(line)));
        return new Mutant(
                description, zip(replaced(MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8))));
    }

    /** A manifest line as the jar specification wants it: at most 72 bytes, continued on lines starting with a space. */
    private static String folded(String line) {
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < line.length(); i++) {
            String c = String.valueOf(line.charAt(i));
            int size = c.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > 70) {
                out.append("\r\n ");
                bytes = 1;
            }
            out.append(c);
            bytes += size;
        }
        return out.append("\r\n").toString();
    }

    private Map<String, byte[]> replaced(String name, byte[] content) {
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(name, content);
        return copy;
    }

    private static Map<String, byte[]> unzip(byte[] jar) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Writes entries in order, the manifest first, as {@link java.util.jar.JarFile} expects. */
    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(buffer)) {
            if (entries.containsKey(MANIFEST)) {
                write(out, MANIFEST, entries.get(MANIFEST));
            }
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (!e.getKey().equals(MANIFEST)) {
                    write(out, e.getKey(), e.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static void write(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static void replaceAll(byte[] bytes, byte[] from, byte[] to) {
        for (int i = 0; i + from.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, bytes, i, to.length);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static byte[] randomBytes(Random r, int length) {
        byte[] bytes = new byte[length];
        r.nextBytes(bytes);
        return bytes;
    }

    private static <T> T pick(Random r, List<T> choices) {
        return choices.get(r.nextInt(choices.size()));
    }
}
