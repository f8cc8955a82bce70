package io.metacortex.host.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The plugin bundles Maven built for the tests (copied to {@code target/fixtures}), and variants of them made by
 * rewriting their manifest or adding entries: a bundle built against another API, a newer version with a broken
 * migration, and so on.
 */
public final class Fixtures {

    public static final Path DIR = Path.of("target", "fixtures");
    public static final Path SAMPLE_V1 = DIR.resolve("sample-v1.jar");
    public static final Path SAMPLE_V2 = DIR.resolve("sample-v2.jar");
    public static final Path FAULTY = DIR.resolve("faulty.jar");
    public static final Path TASKS = DIR.resolve("tasks.jar");
    /** Plugin {@code habits}: imports the tasks plugin's API package optionally. */
    public static final Path HABITS = DIR.resolve("habits.jar");
    /** Plugin {@code notes}: imports the tasks plugin's service API optionally. */
    public static final Path NOTES = DIR.resolve("notes.jar");

    public static final Path CALENDAR = DIR.resolve("calendar.jar");
    /** What {@link #CALENDAR} declares (1.1.0: CalDAV server, ICS feeds, CalDAV accounts), to accept at install. */
    public static final String CALENDAR_PERMISSIONS =
            "http:basic,secrets,http:outbound(calendar.google.com,*.icloud.com,outlook.office365.com,outlook.live.com,*.fastmail.com,*.calendar.yahoo.com,calendar.proton.me,ics.teamup.com,caldav.icloud.com,apidata.googleusercontent.com,caldav.fastmail.com,caldav.yandex.ru,caldav.gmx.net,caldav.web.de,caldav.mailbox.org,dav.mailbox.org,caldav.posteo.de,*.nextcloud.com,caldav.zoho.com)";
    /** Plugin {@code finance}: embeds its statement parsers. */
    public static final Path FINANCE = DIR.resolve("finance.jar");
    /** What {@link #TASKS} declares (1.2.0: it checks that a task's assignee exists), to accept at install. */
    public static final String TASKS_PERMISSIONS = "users:read";
    /** What {@link #FINANCE} declares for Plaid (its access tokens in the secret store, Plaid's API), to accept. */
    public static final String FINANCE_PERMISSIONS =
            "secrets,http:outbound(development.plaid.com,production.plaid.com,sandbox.plaid.com)";
    /** Plugin {@code granted}: declares {@code users:read, http:outbound;hosts="127.0.0.1"}, not secrets. */
    public static final Path GRANTED = DIR.resolve("granted.jar");
    /** Plugin {@code greeter}: exports {@code io.metacortex.fixture.greeter.api} 1.0.0 and offers a Greeter. */
    public static final Path GREETER = DIR.resolve("greeter.jar");
    /** Plugin {@code greeted}: imports the greeter's package optionally and greets through it when it can. */
    public static final Path GREETED = DIR.resolve("greeted.jar");
    /**
     * Plugin {@code dav}: DAV routes ({@code /api/dav/dav/...}) accepting HTTP Basic, declaring {@code http:basic}
     * and {@code MetaCortex-Plugin-Well-Known: caldav=/dav/}, and a route that does not accept Basic
     * ({@code /api/dav/plain}).
     */
    public static final Path DAV = DIR.resolve("dav.jar");
    /** Every hostile behaviour in one jar; install one of them with {@link #hostile(String)}. */
    public static final Path HOSTILE = DIR.resolve("hostile.jar");

    private Fixtures() {}

    public static byte[] bytes(Path jar) {
        try {
            return Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("Missing fixture " + jar + ": run the build through Maven (mvn verify)", e);
        }
    }

    /** @return the fixture's {@code Bundle-Version}, e.g. the tasks plugin's version the build packaged */
    public static String bundleVersion(Path jar) {
        try (JarFile in = new JarFile(jar.toFile())) {
            return in.getManifest().getMainAttributes().getValue("Bundle-Version");
        } catch (IOException e) {
            throw new UncheckedIOException("Missing fixture " + jar + ": run the build through Maven (mvn verify)", e);
        }
    }

    /** @return {@code jar} with its manifest edited and {@code extra} entries (name to text) added or replaced */
    public static byte[] rewrite(Path jar, Consumer<Attributes> manifestEdit, Map<String, String> extra) {
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifestEdit.accept(manifest.getMainAttributes());
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(buffer, manifest)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equals(JarFile.MANIFEST_NAME)
                            || entry.getName().equals("META-INF/")
                            || extra.containsKey(entry.getName())) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(out);
                    }
                    out.closeEntry();
                }
                for (Map.Entry<String, String> e : extra.entrySet()) {
                    out.putNextEntry(new JarEntry(e.getKey()));
                    out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One behaviour of {@link #HOSTILE} as a plugin of its own: the bundle holds only the classes of package
     * {@code io.metacortex.fixture.hostile.<behaviour>}, its plugin id is {@code hostile-<behaviour>} and its plugin
     * class {@code <Behaviour>Plugin} of that package (e.g. {@code sleeper}: {@code hostile-sleeper},
     * {@code SleeperPlugin}). Its migrations, if it has any, are in {@code <behaviour>/db/migration/} of that package,
     * and are moved to {@code db/migration/}.
     *
     * @param behaviour the package's last segment
     */
    public static byte[] hostile(String behaviour) {
        return hostile(behaviour, (name, content) -> content);
    }

    /**
     * {@link #hostile(String)} with entries changed: {@code edit} gets each entry's name and content, and returns the
     * content to keep, or null to leave the entry out (a class cut out of the bundle, a class file corrupted).
     */
    public static byte[] hostile(String behaviour, BiFunction<String, byte[], byte[]> edit) {
        String prefix = "io/metacortex/fixture/hostile/";
        String id = "hostile-" + behaviour;
        String pluginClass = "io.metacortex.fixture.hostile." + behaviour + "."
                + Character.toUpperCase(behaviour.charAt(0)) + behaviour.substring(1) + "Plugin";
        try (JarFile in = new JarFile(HOSTILE.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            Attributes attributes = manifest.getMainAttributes();
            attributes.putValue("Bundle-SymbolicName", "io.metacortex.plugin." + id);
            attributes.putValue("MetaCortex-Plugin-Id", id);
            attributes.putValue("MetaCortex-Plugin-Name", "Hostile " + behaviour);
            attributes.putValue("MetaCortex-Plugin-Class", pluginClass);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            boolean found = false;
            try (JarOutputStream out = new JarOutputStream(buffer, manifest)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    boolean otherBehaviour = name.startsWith(prefix) && !name.startsWith(prefix + behaviour + "/");
                    if (name.equals(JarFile.MANIFEST_NAME) || name.equals("META-INF/") || otherBehaviour) {
                        continue;
                    }
                    found |= name.startsWith(prefix + behaviour + "/");
                    String migrations = prefix + behaviour + "/db/migration/";
                    if (name.startsWith(migrations)) {
                        if (entry.isDirectory()) {
                            continue;
                        }
                        // The behaviour's own migrations go where the host looks for them.
                        name = "db/migration/" + name.substring(migrations.length());
                    }
                    byte[] content;
                    try (InputStream stream = in.getInputStream(entry)) {
                        content = edit.apply(name, stream.readAllBytes());
                    }
                    if (content != null) {
                        out.putNextEntry(new JarEntry(name));
                        out.write(content);
                        out.closeEntry();
                    }
                }
            }
            if (!found) {
                throw new IllegalArgumentException("No hostile behaviour " + behaviour + " in " + HOSTILE);
            }
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Missing fixture " + HOSTILE + ": run the build through Maven", e);
        }
    }

    /** @return {@code jar} with one manifest header set (or removed, when {@code value} is null) */
    public static byte[] withHeader(Path jar, String header, String value) {
        return rewrite(
                jar,
                attributes -> {
                    if (value == null) {
                        attributes.remove(new Attributes.Name(header));
                    } else {
                        attributes.putValue(header, value);
                    }
                },
                Map.of());
    }

    /** @return {@code jar} at another Bundle-Version with extra migrations (file name to SQL) */
    public static byte[] asVersion(Path jar, String version, Map<String, String> migrations) {
        Map<String, String> extra = new LinkedHashMap<>();
        migrations.forEach((name, sql) -> extra.put("db/migration/" + name, sql));
        return rewrite(jar, attributes -> attributes.putValue("Bundle-Version", version), extra);
    }
}
