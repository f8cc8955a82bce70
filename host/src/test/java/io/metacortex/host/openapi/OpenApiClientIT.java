package io.metacortex.host.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client generated from {@code /openapi.json} (with the sample, tasks, notes and habits installed) by
 * openapi-generator's Java generator compiles, and talks to the host: the document is good enough to generate a
 * client from. The generator runs in a JVM of its own, from the jar the build copies to
 * {@code target/openapi-generator} (so that its many dependencies stay out of the host's dependency tree).
 */
class OpenApiClientIT {

    private static final String PACKAGE = "io.metacortex.client";
    private static final Path GENERATOR = Path.of("target", "openapi-generator", "openapi-generator-cli.jar");
    private static final long GENERATOR_TIMEOUT_SECONDS = 180;

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @Test
    void generatedJavaClientCompilesAndCreatesATask() throws Exception {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        assertThat(RUNNING.host()
                        .install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS)
                        .status())
                .isEqualTo(201);
        assertThat(RUNNING.host().install(Fixtures.NOTES).status()).isEqualTo(201);
        assertThat(RUNNING.host().install(Fixtures.HABITS).status()).isEqualTo(201);
        Path work = Files.createDirectories(Path.of("target", "openapi-client"));
        Path document = work.resolve("openapi.json");
        Files.writeString(document, RUNNING.host().get("/openapi.json").body());

        Path sources = generate(document, work.resolve("generated"));
        Path classes = compile(sources, work.resolve("classes"));

        String token = RUNNING.host().userToken();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Object task = createTask(loader, token, "Water the plants");
            assertThat(call(task, "getTitle")).isEqualTo("Water the plants");
            assertThat(call(task, "getId")).isInstanceOf(Long.class);
            assertThat(String.valueOf(call(task, "getPriority"))).isEqualTo("MEDIUM");
        }
    }

    /** Runs the generator's command line; fails with its output when it does not finish cleanly. */
    private static Path generate(Path document, Path output) throws IOException, InterruptedException {
        assertThat(GENERATOR)
                .as("copied by the build (maven-dependency-plugin, pre-integration-test)")
                .isRegularFile();
        Path log = output.resolveSibling("generator.log");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        GENERATOR.toString(),
                        "generate",
                        "--generator-name",
                        "java",
                        "--library",
                        "native",
                        "--input-spec",
                        document.toString(),
                        "--output",
                        output.toString(),
                        "--additional-properties",
                        "useJakartaEe=true,openApiNullable=false,annotationLibrary=none,"
                                + "hideGenerationTimestamp=true,invokerPackage=" + PACKAGE + ",apiPackage=" + PACKAGE
                                + ".api,modelPackage=" + PACKAGE + ".model",
                        "--global-property",
                        "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            boolean finished = process.waitFor(GENERATOR_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(finished)
                    .as("the generator finished within %ss", GENERATOR_TIMEOUT_SECONDS)
                    .isTrue();
            assertThat(process.exitValue())
                    .as("the generator's exit code; its output:%n%s", Files.readString(log, StandardCharsets.UTF_8))
                    .isZero();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        return output.resolve("src").resolve("main").resolve("java");
    }

    /** Compiles the generated sources against the host's own Jackson and jakarta.annotation jars. */
    private static Path compile(Path sources, Path classes) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).toList();
        }
        assertThat(files).as("generated sources").isNotEmpty();
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager =
                compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of(
                    "-d", classes.toString(), "-classpath", classPath(), "-proc:none", "-nowarn", "-encoding", "UTF-8");
            boolean compiled = compiler.getTask(
                            null,
                            fileManager,
                            diagnostics,
                            options,
                            null,
                            fileManager.getJavaFileObjectsFromPaths(files))
                    .call();
            assertThat(compiled)
                    .as(
                            "the generated client compiles:%n%s",
                            diagnostics.getDiagnostics().stream()
                                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                                    .limit(20)
                                    .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": "
                                            + d.getMessage(Locale.ROOT))
                                    .collect(Collectors.joining("\n")))
                    .isTrue();
        }
        return classes;
    }

    /** What the generated native client needs: Jackson (with java.time) and jakarta.annotation. */
    private static String classPath() {
        List<String> jars = new ArrayList<>();
        for (Class<?> anchor : List.of(
                com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonParser.class,
                com.fasterxml.jackson.annotation.JsonProperty.class,
                com.fasterxml.jackson.datatype.jsr310.JavaTimeModule.class,
                jakarta.annotation.Nullable.class)) {
            try {
                jars.add(Path.of(anchor.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(java.io.File.pathSeparator, jars);
    }

    /** {@code new TasksApi(client).tasksCreate(new TasksTaskRequest().title(title))}, through reflection. */
    private static Object createTask(ClassLoader loader, String token, String title) throws Exception {
        Class<?> clientType = loader.loadClass(PACKAGE + ".ApiClient");
        Object client = clientType.getConstructor().newInstance();
        clientType
                .getMethod("updateBaseUri", String.class)
                .invoke(client, RUNNING.host().uri("").toString());
        Consumer<HttpRequest.Builder> bearer = request -> request.header("Authorization", "Bearer " + token);
        clientType.getMethod("setRequestInterceptor", Consumer.class).invoke(client, bearer);
        Class<?> apiType = loader.loadClass(PACKAGE + ".api.TasksApi");
        Object api = apiType.getConstructor(clientType).newInstance(client);
        Class<?> requestType = loader.loadClass(PACKAGE + ".model.TasksTaskRequest");
        Object request = requestType.getConstructor().newInstance();
        requestType.getMethod("setTitle", String.class).invoke(request, title);
        Method create = apiType.getMethod("tasksCreate", requestType);
        assertThat(create.getReturnType().getSimpleName())
                .as("the 201 schema became the return type")
                .isEqualTo("TasksTask");
        return create.invoke(api, request);
    }

    private static Object call(Object target, String getter) throws Exception {
        return target.getClass().getMethod(getter).invoke(target);
    }
}
