package io.metacortex.host.code;

import static io.metacortex.host.code.CodeCategory.FILES_AND_ENVIRONMENT;
import static io.metacortex.host.code.CodeCategory.JDBC;
import static io.metacortex.host.code.CodeCategory.NATIVE_CODE;
import static io.metacortex.host.code.CodeCategory.PROCESS_CONTROL;
import static io.metacortex.host.code.CodeCategory.RAW_NETWORK;
import static io.metacortex.host.code.CodeCategory.REFLECTION;
import static io.metacortex.host.code.CodeCategory.THREAD_CREATION;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one list of what a plugin's code must not refer to, checked by {@link ClassCheck} in every class of a bundle
 * at install, and shown in the README by {@link #markdownTable()} (a test keeps the two the same).
 */
public final class CodeRules {

    /** Class names a plugin must not load by name: the host's own code and the libraries it does not export. */
    static final List<String> HOST_PACKAGES = List.of(
            "io.metacortex.host.",
            "io.metacortex.db.",
            "io.metacortex.outbound.",
            "io.dropwizard.",
            "org.eclipse.jetty.",
            "org.glassfish.jersey.",
            "org.apache.felix.",
            "org.osgi.",
            "org.postgresql.",
            "org.flywaydb.",
            "com.github.kagkarlsson.",
            "io.github.resilience4j.",
            "com.nimbusds.");

    static final List<CodeRule> RULES = Stream.of(
                    // process control
                    calls(PROCESS_CONTROL, "java.lang.System", "exit", "setIn", "setOut", "setErr"),
                    calls(PROCESS_CONTROL, "java.lang.Runtime", "exit", "halt", "exec", "addShutdownHook"),
                    types(PROCESS_CONTROL, "java.lang.ProcessBuilder", "java.lang.Process"),
                    calls(
                            PROCESS_CONTROL,
                            "java.lang.ProcessHandle",
                            "destroy",
                            "destroyForcibly",
                            "of",
                            "allProcesses",
                            "children",
                            "descendants",
                            "parent",
                            "info"),
                    calls(
                            PROCESS_CONTROL,
                            "java.lang.Thread",
                            "setDefaultUncaughtExceptionHandler",
                            "getAllStackTraces",
                            "enumerate",
                            "stop",
                            "suspend",
                            "resume"),
                    types(PROCESS_CONTROL, "java.lang.ThreadGroup"),
                    // files and environment
                    types(
                            FILES_AND_ENVIRONMENT,
                            "java.io.File",
                            "java.io.FileInputStream",
                            "java.io.FileOutputStream",
                            "java.io.FileReader",
                            "java.io.FileWriter",
                            "java.io.RandomAccessFile",
                            "java.io.FileDescriptor",
                            "java.nio.channels.FileChannel",
                            "java.nio.channels.AsynchronousFileChannel",
                            "java.util.logging.FileHandler"),
                    packages(FILES_AND_ENVIRONMENT, "java.nio.file", "java.util.prefs"),
                    fileNameConstructors(
                            "java.io.PrintStream",
                            "java.io.PrintWriter",
                            "java.util.Formatter",
                            "java.util.zip.ZipFile",
                            "java.util.jar.JarFile"),
                    calls(
                            FILES_AND_ENVIRONMENT,
                            "java.lang.System",
                            "getenv",
                            "getProperty",
                            "getProperties",
                            "setProperty",
                            "setProperties",
                            "clearProperty"),
                    calls(FILES_AND_ENVIRONMENT, "java.lang.Integer", "getInteger"),
                    calls(FILES_AND_ENVIRONMENT, "java.lang.Long", "getLong"),
                    calls(FILES_AND_ENVIRONMENT, "java.lang.Boolean", "getBoolean"),
                    // raw network
                    types(
                            RAW_NETWORK,
                            "java.net.Socket",
                            "java.net.ServerSocket",
                            "java.net.DatagramSocket",
                            "java.net.MulticastSocket",
                            "java.net.URLConnection",
                            "java.net.HttpURLConnection",
                            "java.net.http.HttpClient",
                            "java.nio.channels.SocketChannel",
                            "java.nio.channels.ServerSocketChannel",
                            "java.nio.channels.DatagramChannel",
                            "java.nio.channels.AsynchronousSocketChannel",
                            "java.nio.channels.AsynchronousServerSocketChannel",
                            "javax.net.SocketFactory",
                            "javax.net.ServerSocketFactory",
                            "javax.net.ssl.SSLSocketFactory",
                            "javax.net.ssl.SSLServerSocketFactory",
                            "javax.net.ssl.SSLSocket",
                            "javax.net.ssl.SSLServerSocket",
                            "javax.net.ssl.HttpsURLConnection"),
                    // also no URL to hand to a library that reads it (Jackson's readValue(URL), for one)
                    constructors(RAW_NETWORK, "java.net.URL"),
                    calls(RAW_NETWORK, "java.net.URL", "of", "openConnection", "openStream", "getContent"),
                    calls(RAW_NETWORK, "java.net.URI", "toURL"),
                    types(RAW_NETWORK, "jakarta.ws.rs.client.ClientBuilder"),
                    packages(RAW_NETWORK, "com.sun.net.httpserver", "java.rmi", "javax.naming"),
                    // JDBC
                    types(JDBC, "java.sql.DriverManager", "java.sql.Driver"),
                    calls(JDBC, "org.jdbi.v3.core.Jdbi", "create"),
                    List.of(new CodeRule(
                            JDBC,
                            "org/jdbi/v3/core/Jdbi",
                            List.of("open"),
                            "(L",
                            "org.jdbi.v3.core.Jdbi.open(DataSource/Connection/url...)")),
                    // reflection that opens code
                    Stream.of(
                                    "java.lang.reflect.AccessibleObject",
                                    "java.lang.reflect.Field",
                                    "java.lang.reflect.Method",
                                    "java.lang.reflect.Constructor",
                                    "java.lang.reflect.Executable")
                            .map(owner -> calls(REFLECTION, owner, "setAccessible", "trySetAccessible"))
                            .flatMap(List::stream)
                            .toList(),
                    calls(REFLECTION, "java.lang.invoke.MethodHandles", "privateLookupIn"),
                    calls(
                            REFLECTION,
                            "java.lang.invoke.MethodHandles$Lookup",
                            "defineClass",
                            "defineHiddenClass",
                            "defineHiddenClassWithClassData"),
                    constructors(REFLECTION, "java.lang.ClassLoader", "java.security.SecureClassLoader"),
                    types(REFLECTION, "java.net.URLClassLoader"),
                    calls(REFLECTION, "java.lang.ClassLoader", "getSystemClassLoader", "getPlatformClassLoader"),
                    packages(
                            REFLECTION,
                            "sun",
                            "jdk.internal",
                            "java.lang.instrument",
                            "javax.management",
                            "com.sun.management"),
                    // native code
                    calls(NATIVE_CODE, "java.lang.System", "load", "loadLibrary"),
                    calls(NATIVE_CODE, "java.lang.Runtime", "load", "loadLibrary"),
                    packages(NATIVE_CODE, "java.lang.foreign"),
                    // thread creation
                    constructors(
                            THREAD_CREATION,
                            "java.lang.Thread",
                            "java.util.concurrent.ThreadPoolExecutor",
                            "java.util.concurrent.ScheduledThreadPoolExecutor",
                            "java.util.concurrent.ForkJoinPool",
                            "java.util.concurrent.ForkJoinWorkerThread",
                            "java.util.Timer"),
                    calls(THREAD_CREATION, "java.lang.Thread", "ofPlatform", "ofVirtual", "startVirtualThread"),
                    calls(
                            THREAD_CREATION,
                            "java.util.concurrent.Executors",
                            "new*",
                            "defaultThreadFactory",
                            "privilegedThreadFactory"))
            .flatMap(List::stream)
            .toList();

    private CodeRules() {}

    /** @return the rule forbidding a call of (or a reference to) {@code name} of type {@code owner}, if any */
    static Optional<CodeRule> forMember(String owner, String name, String descriptor) {
        String type = elementType(owner);
        return RULES.stream()
                .filter(rule -> rule.coversType(type) && rule.forbidsMember(name, descriptor))
                .findFirst();
    }

    /** @return the rule forbidding any use of type {@code internalName} (or of its package), if any */
    static Optional<CodeRule> forType(String internalName) {
        String type = elementType(internalName);
        return RULES.stream()
                .filter(rule -> rule.isWholeType() && rule.coversType(type))
                .findFirst();
    }

    /** @return whether {@code className} (dotted) names a class of the host a plugin must not load by name */
    static boolean isHostClass(String className) {
        return HOST_PACKAGES.stream().anyMatch(className::startsWith);
    }

    /**
     * @return the README's table of the rules: per category, what is forbidden, what to use instead, and the
     *     permission that unlocks it (none does)
     */
    public static String markdownTable() {
        StringBuilder table =
                new StringBuilder("| category | forbidden | instead | unlocked by |\n|---|---|---|---|\n");
        for (CodeCategory category : CodeCategory.values()) {
            // Calls of one type on one line: java.lang.System.exit, setIn, setOut
            Map<String, List<String>> byType = new LinkedHashMap<>();
            RULES.stream().filter(rule -> rule.category() == category).forEach(rule -> {
                String type = rule.owner().replace('/', '.');
                boolean call = !rule.isWholeType()
                        && rule.shown().equals(type + "." + rule.members().get(0));
                byType.computeIfAbsent(call ? type : rule.shown(), t -> new ArrayList<>())
                        .add(call ? rule.members().get(0) : "");
            });
            List<String> shown = new ArrayList<>();
            byType.forEach((type, members) ->
                    shown.add(members.get(0).isEmpty() ? type : type + "." + String.join(", ", members)));
            if (category == REFLECTION) {
                shown.add("Class.forName, ClassLoader.loadClass or Lookup.findClass of a host class named by a"
                        + " constant ("
                        + String.join(
                                ", ", HOST_PACKAGES.stream().map(p -> p + "*").toList()) + ")");
                shown.add("reflective look-ups (getMethod, findStatic...) of a forbidden member named by constants");
            }
            if (category == NATIVE_CODE) {
                shown.add("native methods declared in the bundle");
            }
            table.append("| ")
                    .append(category.label())
                    .append(" | ")
                    .append(shown.stream().map(s -> "`" + s + "`").collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(category.instead())
                    .append(" | none |\n");
        }
        return table.toString();
    }

    /** The element type of an array type ({@code [Ljava/io/File;} is {@code java/io/File}). */
    private static String elementType(String internalName) {
        if (!internalName.startsWith("[")) {
            return internalName;
        }
        String element = internalName.replaceFirst("^\\[+", "");
        return element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : element;
    }

    private static String internal(String dotted) {
        return dotted.replace('.', '/');
    }

    private static List<CodeRule> calls(CodeCategory category, String owner, String... names) {
        return Arrays.stream(names)
                .map(name -> new CodeRule(category, internal(owner), List.of(name), null, owner + "." + name))
                .toList();
    }

    private static List<CodeRule> constructors(CodeCategory category, String... owners) {
        return Arrays.stream(owners)
                .map(owner -> new CodeRule(category, internal(owner), List.of("<init>"), null, "new " + owner))
                .toList();
    }

    private static List<CodeRule> fileNameConstructors(String... owners) {
        return Arrays.stream(owners)
                .map(owner -> new CodeRule(
                        FILES_AND_ENVIRONMENT,
                        internal(owner),
                        List.of("<init>"),
                        "(Ljava/lang/String;",
                        "new " + owner + "(String fileName...)"))
                .toList();
    }

    private static List<CodeRule> types(CodeCategory category, String... types) {
        return Arrays.stream(types)
                .map(type -> new CodeRule(category, internal(type), List.of(), null, type))
                .toList();
    }

    private static List<CodeRule> packages(CodeCategory category, String... packages) {
        return Arrays.stream(packages)
                .map(p -> new CodeRule(category, internal(p) + "/", List.of(), null, p + ".*"))
                .toList();
    }
}
