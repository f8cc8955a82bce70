package io.metacortex.plugin.testing;

import io.metacortex.db.plugin.MigrationScript;
import io.metacortex.plugin.api.PluginManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A plugin's migration scripts as the host reads them from its bundle: the {@code .sql} files directly in
 * {@value PluginManifest#MIGRATIONS_PATH}, sorted by name, read as UTF-8. They are taken from the module's
 * {@code target/classes} (or the jar) that holds the plugin class, not from the class path: another plugin's jar on
 * the test class path (for its service API) has migrations of the same versions there.
 */
final class PluginMigrations {

    static final String LATEST = "latest";
    private static final Pattern VERSION = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*");

    private PluginMigrations() {}

    /** @return the migrations of the module that holds {@code pluginClass} */
    static List<MigrationScript> of(Class<?> pluginClass) {
        Path location;
        try {
            location = Path.of(pluginClass
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException(
                    "Cannot tell where " + pluginClass.getName() + " was loaded from, to"
                            + " read its module's migrations",
                    e);
        }
        return Files.isDirectory(location)
                ? inFolder(location.resolve(PluginManifest.MIGRATIONS_PATH))
                : inJar(location);
    }

    /** @return the {@code .sql} files directly in {@code folder}; none if it does not exist */
    static List<MigrationScript> inFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<MigrationScript> scripts = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql"))
                    .toList()) {
                if (Files.isRegularFile(file)) {
                    scripts.add(new MigrationScript(
                            file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
            return sorted(scripts);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the migrations in " + folder, e);
        }
    }

    private static List<MigrationScript> inJar(Path jar) {
        String prefix = PluginManifest.MIGRATIONS_PATH + "/";
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<MigrationScript> scripts = new ArrayList<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(prefix) && name.endsWith(".sql") && name.indexOf('/', prefix.length()) < 0) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        scripts.add(new MigrationScript(
                                name.substring(prefix.length()),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
            return sorted(scripts);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the migrations in " + jar, e);
        }
    }

    /**
     * @return the scripts up to {@code version} ({@value #LATEST}: all), as a bundle of that version would carry
     *     them; a misnamed script is kept, for the migrator to refuse as the host does
     */
    static List<MigrationScript> upTo(List<MigrationScript> scripts, String version) {
        if (LATEST.equals(version)) {
            return scripts;
        }
        List<BigInteger> target = parts(version);
        return scripts.stream()
                .filter(script -> {
                    Matcher name = VERSION.matcher(script.fileName());
                    return !name.matches() || compare(parts(name.group(1)), target) <= 0;
                })
                .toList();
    }

    private static List<MigrationScript> sorted(List<MigrationScript> scripts) {
        return scripts.stream()
                .sorted(Comparator.comparing(MigrationScript::fileName))
                .toList();
    }

    private static List<BigInteger> parts(String version) {
        if (!version.matches("\\d+([._]\\d+)*")) {
            throw new IllegalArgumentException("Not a migration version: '" + version + "' (e.g. 3 or 1.2)");
        }
        return Stream.of(version.split("[._]")).map(BigInteger::new).toList();
    }

    private static int compare(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger left = i < a.size() ? a.get(i) : BigInteger.ZERO;
            int order = left.compareTo(i < b.size() ? b.get(i) : BigInteger.ZERO);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
