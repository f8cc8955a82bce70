package io.metacortex.host.felix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * One {@code Import-Package} clause of a bundle, checked against the packages the host and the installed plugins
 * export: the check Felix's resolution makes first, and the one an install refuses on with {@code 422 plugin cannot
 * be resolved} (uses-constraints and other attributes are left to the resolution itself).
 *
 * @param name the package
 * @param range the version range required, as the header says ({@code 0.0.0}: any version)
 * @param optional whether the clause is {@code resolution:=optional}: the bundle resolves without it
 * @param resolved whether an exported version is in the range
 * @param available the versions exported, lowest first
 */
public record PackageImport(String name, String range, boolean optional, boolean resolved, List<String> available) {

    /**
     * @param header the bundle's {@code Import-Package}, or null
     * @param exported each package exported, with its versions ({@link FelixRuntime#exportedPackages()})
     * @return each package imported, sorted by name
     */
    public static List<PackageImport> check(String header, Map<String, SortedSet<Version>> exported) {
        List<PackageImport> imports = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return imports;
        }
        for (String clause : PackageHeader.split(header, ',')) {
            List<String> packages = new ArrayList<>();
            String range = "0.0.0";
            boolean optional = false;
            for (String part : PackageHeader.split(clause, ';')) {
                String p = part.trim();
                int directive = p.indexOf(":=");
                int attribute = p.indexOf('=');
                if (directive > 0 && directive < attribute) {
                    optional |= p.substring(0, directive).trim().equals("resolution")
                            && unquote(p.substring(directive + 2)).equals("optional");
                } else if (attribute > 0) {
                    if (p.substring(0, attribute).trim().equals("version")) {
                        range = unquote(p.substring(attribute + 1));
                    }
                } else if (!p.isEmpty()) {
                    packages.add(p);
                }
            }
            for (String pkg : packages) {
                SortedSet<Version> versions = exported.getOrDefault(pkg, new TreeSet<>());
                imports.add(new PackageImport(
                        pkg,
                        range,
                        optional,
                        matches(range, versions),
                        versions.stream().map(Version::toString).toList()));
            }
        }
        imports.sort(java.util.Comparator.comparing(PackageImport::name));
        return imports;
    }

    private static boolean matches(String range, SortedSet<Version> versions) {
        VersionRange required;
        try {
            required = VersionRange.valueOf(range);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return versions.stream().anyMatch(required::includes);
    }

    private static String unquote(String value) {
        return value.trim().replace("\"", "");
    }
}
