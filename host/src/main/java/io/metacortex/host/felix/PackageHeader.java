package io.metacortex.host.felix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Version;

/** Reads package versions out of an OSGi {@code Export-Package} or {@code Import-Package} header, minding quoted values. */
public final class PackageHeader {

    private PackageHeader() {}

    /**
     * @return each package with its version or version range ({@code 0.0.0} when the clause names none); a package
     *     exported twice (slf4j-api 2 also exports {@code org.slf4j} as 1.7.36) keeps its highest version
     */
    static Map<String, String> versions(String header) {
        Map<String, String> versions = new HashMap<>();
        if (header == null || header.isBlank()) {
            return versions;
        }
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            String version = "0.0.0";
            List<String> packages = new ArrayList<>();
            for (String part : parts) {
                String p = part.trim();
                int eq = p.indexOf('=');
                if (eq < 0) {
                    packages.add(p);
                } else if (p.substring(0, eq).trim().equals("version")) {
                    version = p.substring(eq + 1).trim().replace("\"", "");
                }
            }
            for (String pkg : packages) {
                versions.merge(pkg, version, PackageHeader::higher);
            }
        }
        return versions;
    }

    /** @return the packages an {@code Export-Package} or {@code Import-Package} header names, sorted */
    public static List<String> packages(String header) {
        return versions(header).keySet().stream().sorted().toList();
    }

    /** @return the packages of {@code exportHeader} that {@code importHeader} imports too, sorted */
    public static List<String> selfImported(String exportHeader, String importHeader) {
        Map<String, String> imported = versions(importHeader);
        return versions(exportHeader).keySet().stream()
                .filter(imported::containsKey)
                .sorted()
                .toList();
    }

    private static String higher(String a, String b) {
        try {
            return Version.parseVersion(a).compareTo(Version.parseVersion(b)) >= 0 ? a : b;
        } catch (IllegalArgumentException ranges) {
            return a;
        }
    }

    /** Splits a manifest header at {@code separator}, except inside double quotes. */
    public static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
