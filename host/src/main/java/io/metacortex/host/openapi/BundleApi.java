package io.metacortex.host.openapi;

import io.metacortex.host.felix.PackageHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Describes the API of a plugin version from its jar alone, without loading it in Felix or running any of its code:
 * the root resources ({@code @Path} classes) of the bundle and of the jars on its {@code Bundle-ClassPath} are defined
 * {@link InertClasses inert} in a throwaway {@link InertClassLoader} and read by swagger-core with the same conventions
 * as the running plugin's part of {@code /openapi.json}.
 *
 * <p>The running document lists the resources the plugin registered in its start; this one lists every root resource
 * the jar holds, which is the same for plugins that register each of their {@code @Path} classes (all plugins here do).
 */
public final class BundleApi {

    private BundleApi() {}

    /**
     * @param jar a jar the host's reader accepted
     * @return the plugin's part of the document, as {@link PluginApiReader#read} makes it for a running version
     * @throws UnreadableApiException when swagger-core cannot read the resources (e.g. a type of their signatures is
     *     neither in the bundle nor in the host)
     */
    public static PluginApi read(String pluginId, String name, String version, String description, byte[] jar) {
        Map<String, byte[]> classFiles = new HashMap<>();
        List<String> resources = new ArrayList<>();
        collect(jar, classFiles, resources, true);
        InertClassLoader loader = new InertClassLoader(classFiles, BundleApi.class.getClassLoader());
        List<Object> classes = new ArrayList<>();
        try {
            for (String resource : resources) {
                classes.add(loader.loadClass(resource));
            }
            return PluginApiReader.readOrThrow(pluginId, name, version, description, classes);
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            throw new UnreadableApiException(
                    "The API of " + pluginId + " " + version + " cannot be read from its jar: " + describe(e), e);
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof NoClassDefFoundError || e instanceof ClassNotFoundException) {
            return "class " + String.valueOf(e.getMessage()).replace('/', '.')
                    + " is neither in the jar nor in the host (it may come from another plugin)";
        }
        return String.valueOf(e.getMessage());
    }

    /** Reads the class files of {@code jar} and, for the bundle itself, of the jars its Bundle-ClassPath names. */
    private static void collect(byte[] jar, Map<String, byte[]> classFiles, List<String> resources, boolean bundle) {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Set<String> classPath = bundle ? classPath(in.getManifest()) : Set.of();
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                    byte[] classFile = in.readAllBytes();
                    InertClasses.Header header = InertClasses.header(classFile);
                    if (classFiles.putIfAbsent(header.name(), classFile) == null && header.rootResource()) {
                        resources.add(header.name());
                    }
                } else if (classPath.contains(name)) {
                    collect(in.readAllBytes(), classFiles, resources, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> classPath(Manifest manifest) {
        Set<String> jars = new HashSet<>();
        if (manifest == null) {
            return jars;
        }
        String header = manifest.getMainAttributes().getValue("Bundle-ClassPath");
        if (header == null) {
            return jars;
        }
        for (String clause : PackageHeader.split(header, ',')) {
            String path = PackageHeader.split(clause, ';').get(0).trim();
            if (!path.isEmpty() && !path.equals(".")) {
                jars.add(path.startsWith("/") ? path.substring(1) : path);
            }
        }
        return jars;
    }

    /** The API of a jar could not be described. */
    public static final class UnreadableApiException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnreadableApiException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
