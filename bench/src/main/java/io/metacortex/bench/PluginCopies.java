package io.metacortex.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Distinct plugins made from one plugin jar: the copy's manifest gets another plugin id ({@code MetaCortex-Plugin-Id},
 * which the host reads as the plugin's id, and so its route prefix {@code /api/<id>} and its schema
 * {@code plugin_<id>}), another {@code MetaCortex-Plugin-Name} and another {@code Bundle-SymbolicName}; every other
 * entry is copied as it is. For unsigned jars only (a signed one would no longer verify).
 */
final class PluginCopies {

    private static final String PLUGIN_ID = "MetaCortex-Plugin-Id";
    private static final String PLUGIN_NAME = "MetaCortex-Plugin-Name";

    private PluginCopies() {}

    /** @return the jar with the plugin id {@code id}, the name {@code "<name> <id>"}, the symbolic name + "." + id */
    static byte[] withId(byte[] jar, String id) throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream(jar.length + 256);
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar), false)) {
            Manifest manifest = in.getManifest();
            Bench.require(manifest != null, "the jar has no manifest");
            Attributes main = manifest.getMainAttributes();
            Bench.require(main.getValue(PLUGIN_ID) != null, "the jar has no " + PLUGIN_ID + " header");
            String symbolicName =
                    main.getValue("Bundle-SymbolicName").split(";")[0].trim();
            main.putValue(PLUGIN_ID, id);
            main.putValue(PLUGIN_NAME, main.getValue(PLUGIN_NAME) + " " + id);
            main.putValue("Bundle-SymbolicName", symbolicName + "." + id);
            try (JarOutputStream out = new JarOutputStream(copy, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return copy.toByteArray();
    }
}
