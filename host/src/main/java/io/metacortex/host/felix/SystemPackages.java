package io.metacortex.host.felix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Computes what the system bundle exports to plugins: an allowlist of shared libraries, each package with the real
 * version of the jar it comes from. Versions are read, never typed: from the jar's {@code Export-Package} when it
 * has OSGi metadata, else its {@code Bundle-Version} or {@code Implementation-Version}, else its file name.
 */
public final class SystemPackages {

    private static final Pattern FILE_VERSION =
            Pattern.compile("-(\\d+(?:\\.\\d+){0,2})(?:[.-]([A-Za-z0-9_-]+))?\\.jar$");
    private static final Pattern NUMERIC_VERSION =
            Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:[.-]([A-Za-z0-9_-]+))?");

    private SystemPackages() {}

    /** @return package name to OSGi version, for every package shared with plugins */
    public static Map<String, String> exports(List<SharedLibrary> libraries) {
        Map<String, String> exports = new TreeMap<>();
        for (SharedLibrary library : libraries) {
            exports.putAll(exportsOf(library));
        }
        return exports;
    }

    /** @return the value for {@code org.osgi.framework.system.packages.extra} */
    public static String header(Map<String, String> exports) {
        List<String> clauses = new ArrayList<>();
        exports.forEach((pkg, version) -> clauses.add(pkg + ";version=\"" + version + "\""));
        return String.join(",", clauses);
    }

    private static Map<String, String> exportsOf(SharedLibrary library) {
        Path location = locationOf(library.anchor());
        Manifest manifest = manifestOf(location);
        Map<String, String> declared = manifest == null
                ? Map.of()
                : PackageHeader.versions(manifest.getMainAttributes().getValue("Export-Package"));
        String fallback = fallbackVersion(location, manifest);
        Map<String, String> exports = new TreeMap<>();
        for (String pkg : packagesIn(location)) {
            if (library.covers(pkg)) {
                String version = declared.getOrDefault(pkg, fallback);
                if (version == null) {
                    throw new IllegalStateException("No version can be derived for package " + pkg + " from "
                            + location + ": it has no OSGi headers, no Implementation-Version and no version in"
                            + " its file name");
                }
                exports.put(pkg, version);
            }
        }
        if (exports.isEmpty()) {
            throw new IllegalStateException("No package " + library.packagePrefix() + " found in " + location);
        }
        return exports;
    }

    private static Path locationOf(Class<?> anchor) {
        try {
            return Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Cannot locate the jar of " + anchor.getName(), e);
        }
    }

    private static Manifest manifestOf(Path location) {
        try {
            if (Files.isDirectory(location)) {
                Path file = location.resolve("META-INF/MANIFEST.MF");
                if (!Files.exists(file)) {
                    return null;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return new Manifest(in);
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.getManifest();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest of " + location, e);
        }
    }

    private static String fallbackVersion(Path location, Manifest manifest) {
        if (manifest != null) {
            Attributes main = manifest.getMainAttributes();
            for (String header : List.of("Bundle-Version", "Implementation-Version")) {
                Optional<String> version = osgiVersion(main.getValue(header));
                if (version.isPresent()) {
                    return version.get();
                }
            }
        }
        Matcher m = FILE_VERSION.matcher(location.getFileName().toString());
        return m.find() ? osgiVersion(m.group(1)).orElse(null) : null;
    }

    /** Turns {@code 3.51.0}, {@code 2.0} or {@code 0.1.0-SNAPSHOT} into an OSGi version ({@code 0.1.0.SNAPSHOT}). */
    static Optional<String> osgiVersion(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        Matcher m = NUMERIC_VERSION.matcher(raw.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String version = m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "."
                + (m.group(3) == null ? "0" : m.group(3));
        return Optional.of(m.group(4) == null ? version : version + "." + m.group(4));
    }

    private static List<String> packagesIn(Path location) {
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    return files.filter(f -> f.toString().endsWith(".class"))
                            .map(f -> location.relativize(f.getParent())
                                    .toString()
                                    .replace('/', '.'))
                            .distinct()
                            .toList();
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.stream()
                        .map(e -> e.getName())
                        .filter(n -> n.endsWith(".class") && n.contains("/") && !n.startsWith("META-INF/"))
                        .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
                        .distinct()
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the packages of " + location, e);
        }
    }
}
