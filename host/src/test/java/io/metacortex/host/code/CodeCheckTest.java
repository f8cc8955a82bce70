package io.metacortex.host.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.metacortex.host.errors.HostException;
import io.metacortex.host.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The code check on jars and class files, without a host: the shipped plugins and the fixtures that are not hostile
 * pass; each hostile behaviour, each kind of reference ({@link ForbiddenSamples}) and code in embedded jars is
 * found; what cannot be read is refused; the README's table is the rules'.
 */
class CodeCheckTest {

    private final CodeCheck check = new CodeCheck(Set.of("trusted"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tasks.jar",
                "notes.jar",
                "habits.jar",
                "calendar.jar",
                "finance.jar",
                "sample-v1.jar",
                "sample-v2.jar",
                "faulty.jar",
                "granted.jar",
                "greeter.jar",
                "greeted.jar",
                "dav.jar"
            })
    void everyShippedPluginAndFixtureThatIsNotHostilePasses(String jar) {
        assertThat(check.findings(Fixtures.bytes(Fixtures.DIR.resolve(jar)))).isEmpty();
    }

    @Test
    void aHostileBehaviourThatCallsNothingForbiddenPasses() {
        assertThat(check.findings(Fixtures.hostile("sleeper"))).isEmpty();
    }

    @Test
    void exitInStart() {
        assertThat(check.findings(Fixtures.hostile("exitinstart")))
                .extracting(CodeFinding::className, CodeFinding::method, CodeFinding::call, CodeFinding::category)
                .containsExactly(tuple(
                        "io.metacortex.fixture.hostile.exitinstart.ExitinstartPlugin",
                        "start(io.metacortex.plugin.api.PluginContext)",
                        "java.lang.System.exit(int)",
                        "process control"));
    }

    @Test
    void exitFromARouteByAMethodReference() {
        assertThat(check.findings(Fixtures.hostile("exitroute")))
                .extracting(CodeFinding::method, CodeFinding::call)
                .containsExactlyInAnyOrder(
                        tuple("exit()", "java.lang.System::exit (method reference)"),
                        tuple("halt()", "java.lang.Runtime.halt(int)"));
    }

    @Test
    void filesAndTheEnvironment() {
        assertThat(check.findings(Fixtures.hostile("files")))
                .extracting(CodeFinding::call)
                .contains(
                        "java.lang.System.getenv(java.lang.String)",
                        "java.nio.file.Path.of(java.lang.String, java.lang.String[])",
                        "java.nio.file.Files.readString(java.nio.file.Path)")
                .allSatisfy(call -> assertThat(call).doesNotContain("jakarta"));
        assertThat(check.findings(Fixtures.hostile("files")))
                .extracting(CodeFinding::category)
                .containsOnly("files and environment");
    }

    @Test
    void threadsSocketsReflectionAndJdbc() {
        assertThat(check.findings(Fixtures.hostile("threads")))
                .extracting(CodeFinding::call, CodeFinding::category)
                .containsExactly(tuple("new java.lang.Thread(java.lang.Runnable)", "thread creation"));
        assertThat(check.findings(Fixtures.hostile("socket")))
                .extracting(CodeFinding::call, CodeFinding::category)
                .contains(
                        tuple("new java.net.Socket(java.lang.String, int)", "raw network"),
                        tuple("java.net.http.HttpClient.newHttpClient()", "raw network"));
        assertThat(check.findings(Fixtures.hostile("reflect")))
                .extracting(CodeFinding::call, CodeFinding::category)
                .contains(
                        tuple(
                                "Class.forName(\"io.metacortex.host.MetaCortexApplication\")",
                                "reflection that opens code"),
                        tuple("java.lang.reflect.Field.setAccessible(boolean)", "reflection that opens code"));
        assertThat(check.findings(Fixtures.hostile("jdbc")))
                .extracting(CodeFinding::call, CodeFinding::category, CodeFinding::unlockedBy)
                .containsExactly(tuple(
                        "java.sql.DriverManager.getConnection(java.lang.String, java.lang.String, java.lang.String)",
                        "JDBC",
                        null));
    }

    @Test
    void eachKindOfReference() {
        String entry = "io/metacortex/host/code/ForbiddenSamples.class";
        List<CodeFinding> findings = check.findings(jar(Map.of(entry, classFile(ForbiddenSamples.class))));

        assertThat(findings)
                .extracting(CodeFinding::method, CodeFinding::call)
                .containsExactlyInAnyOrder(
                        tuple("nativeMethod()", "a native method"),
                        tuple("processBuilderLiteral()", "java.lang.ProcessBuilder.class"),
                        tuple("exitLookedUp()", "java.lang.System.exit (looked up by reflection)"),
                        tuple("unsafeByName()", "Class.forName(\"sun.misc.Unsafe\")"),
                        tuple("pool()", "java.util.concurrent.Executors.newFixedThreadPool(int)"),
                        tuple("fileByName()", "new java.io.PrintWriter(java.lang.String)"),
                        tuple("openStream(java.net.URL)", "java.net.URL.openStream()"),
                        tuple("environmentReference()", "java.lang.System::getenv (method reference)"),
                        tuple("hostClassLoader()", "java.lang.ClassLoader.getSystemClassLoader()"),
                        tuple("property()", "java.lang.System.getProperty(java.lang.String)"));
        assertThat(findings).allSatisfy(f -> assertThat(f.entry()).isEqualTo(entry));
        assertThat(check.findings(jar(Map.of(
                        "Loader.class", classFile(ForbiddenSamples.Loader.class),
                        "Worker.class", classFile(ForbiddenSamples.Worker.class)))))
                .extracting(CodeFinding::method, CodeFinding::call, CodeFinding::category)
                .containsExactly(
                        tuple("<init>()", "new java.lang.ClassLoader()", "reflection that opens code"),
                        tuple("<init>()", "new java.lang.Thread()", "thread creation"));
    }

    @Test
    void codeInAnEmbeddedJarIsFound() {
        byte[] library = Fixtures.hostile("exitinstart");
        byte[] bundle = jar(Map.of("lib/", new byte[0], "lib/library.jar", jar(Map.of("nested/deeper.jar", library))));

        assertThat(check.findings(bundle))
                .extracting(CodeFinding::entry, CodeFinding::call)
                .containsExactly(tuple(
                        "lib/library.jar!/nested/deeper.jar!/io/metacortex/fixture/hostile/exitinstart/"
                                + "ExitinstartPlugin.class",
                        "java.lang.System.exit(int)"));
    }

    @Test
    void anEmbeddedJarWhoseEntryFailsItsCrcIsRefused() {
        byte[] library = jar(Map.of("com/example/Clean.class", classFile(CodeCheckTest.class)));
        ByteBuffer zip = ByteBuffer.wrap(library).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < library.length - 4; i++) {
            if (zip.getInt(i) == 0x02014b50) {
                zip.putInt(i + 16, zip.getInt(i + 16) ^ 0x5a5a);
            }
        }

        assertThatThrownBy(() -> check.findings(jar(Map.of("lib/library.jar", library))))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage())
                            .startsWith("Corrupt jar entry lib/library.jar!/com/example/Clean.class: CRC mismatch");
                });
    }

    @Test
    void aClassThatCannotBeReadIsRefused() {
        byte[] bundle = jar(Map.of("com/example/Broken.class", "not a class".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> check.findings(bundle)).isInstanceOfSatisfying(HostException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.body().error()).isEqualTo("unreadable class");
            assertThat(e.getMessage()).contains("com/example/Broken.class");
        });
    }

    @Test
    void aTrustedPluginIsNotRefused() {
        byte[] hostile = Fixtures.hostile("exitinstart");

        check.require("trusted", "trusted 1.0.0", hostile, "");
        assertThatThrownBy(() -> check.require("other", "other 1.0.0", hostile, "Nothing was installed."))
                .isInstanceOfSatisfying(ForbiddenCodeException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.entity().error()).isEqualTo("forbidden code");
                    assertThat(e.entity().findings()).hasSize(1);
                    assertThat(e.entity().moreFindings()).isZero();
                    assertThat(e.getMessage())
                            .contains("other 1.0.0")
                            .contains("java.lang.System.exit(int)")
                            .endsWith("Nothing was installed.");
                });
    }

    @Test
    void theRefusalListsTheFirst50FindingsAndCountsTheRest() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            entries.put("copy" + i + "/ForbiddenSamples.class", classFile(ForbiddenSamples.class));
        }

        assertThatThrownBy(() -> check.require("other", "other 1.0.0", jar(entries), ""))
                .isInstanceOfSatisfying(ForbiddenCodeException.class, e -> {
                    assertThat(e.entity().findings()).hasSize(50);
                    assertThat(e.entity().moreFindings()).isEqualTo(10);
                    assertThat(e.getMessage()).contains("(60 findings)");
                });
    }

    @Test
    void theReadmeListsTheRules() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(readme).as("README.md, section Code checked before it runs").contains(CodeRules.markdownTable());
    }

    private static byte[] classFile(Class<?> type) {
        try (InputStream in =
                type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] jar(Map<String, byte[]> entries) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(buffer)) {
            for (Map.Entry<String, byte[]> e : new LinkedHashMap<>(entries).entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
