package io.metacortex.host.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import java.net.http.HttpRequest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A plugin class that fails to link, initialise or verify while a request runs: the request gets the host's 500 JSON
 * with a log id, never Jetty's HTML page; the log line names the request id and the plugin; the plugin's other routes,
 * the other plugins and the admin API keep answering.
 */
class PluginErrorsTest {

    private static final String LINKAGE = "io/metacortex/fixture/hostile/linkage/";
    /** {@code Unverifiable.value()}'s Code attribute: max stack 1, no locals, 2 bytes: aconst_null, areturn. */
    private static final byte[] RETURN_NULL = HexFormat.of().parseHex("000100000000000201b0");

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLog() {
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void uninstall() {
        root.detachAppender(logged);
        RUNNING.purgeAllPlugins();
    }

    @Test
    void aClassMissingFromTheBundleAnswers500Json() {
        install(Fixtures.hostile(
                "linkage", (name, content) -> name.equals(LINKAGE + "Missing.class") ? null : content));

        assertFailsAsJson("/api/hostile-linkage/missing");
        assertFailsAsJson("/api/hostile-linkage/missing");
        assertStillServing();
    }

    @Test
    void aStaticInitializerThatThrowsAnswers500JsonEachTime() {
        install(Fixtures.hostile("linkage"));

        assertFailsAsJson("/api/hostile-linkage/initializer"); // ExceptionInInitializerError
        assertFailsAsJson("/api/hostile-linkage/initializer"); // then NoClassDefFoundError
        assertStillServing();
    }

    @Test
    void aClassFailingVerificationAnswers500Json() {
        install(Fixtures.hostile(
                "linkage",
                (name, content) -> name.equals(LINKAGE + "Unverifiable.class") ? withoutNull(content) : content));

        assertFailsAsJson("/api/hostile-linkage/verify");
        assertStillServing();
    }

    @Test
    void aPluginsOwnMapperFailingWithAnErrorAnswers500Json() {
        install(Fixtures.hostile("linkage"));

        assertFailsAsJson("/api/hostile-linkage/mapper");
        assertStillServing();
    }

    @Test
    void aPluginsOwnResponseFilterFailingWithAnErrorAnswers500Json() {
        install(Fixtures.hostile("linkage"));

        assertFailsAsJson("/api/hostile-linkage/filtered");
        assertStillServing();
    }

    private static void install(byte[] jar) {
        RunningHost host = RUNNING.host();
        assertThat(host.install(jar).status()).isEqualTo(201);
        assertThat(host.install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
    }

    private void assertFailsAsJson(String path) {
        RunningHost host = RUNNING.host();
        String requestId = "linkage-" + UUID.randomUUID();
        logged.list.clear();
        RunningHost.Reply reply = host.send(host.asUser(HttpRequest.newBuilder(host.uri(path)))
                .header("X-Request-Id", requestId)
                .GET());

        assertThat(reply.status()).as(reply.body()).isEqualTo(500);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("error").asText()).isEqualTo("internal server error");
        String detail = reply.json().get("detail").asText();
        assertThat(detail).contains("plugin hostile-linkage").containsPattern("logged with id [0-9a-f]{16}");
        assertThat(detail).doesNotContain("Error", "linkage.");
        String logId = detail.replaceAll(".*logged with id ([0-9a-f]{16}).*", "$1");
        List<ILoggingEvent> errors = logged.list.stream()
                .filter(e -> e.getLevel() == Level.ERROR)
                .filter(e -> requestId.equals(e.getMDCPropertyMap().get("requestId")))
                .toList();
        assertThat(errors)
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("plugin", "hostile-linkage"));
        assertThat(errors)
                .filteredOn(e -> e.getFormattedMessage().contains(logId))
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("plugin hostile-linkage"));
        assertThat(errors).as("the error, with its stack trace").anyMatch(e -> e.getThrowableProxy() != null);
    }

    private static void assertStillServing() {
        RunningHost host = RUNNING.host();
        assertThat(host.get("/api/hostile-linkage/ok").json().get("status").asText())
                .isEqualTo("fine");
        assertThat(host.get("/api/sample").status()).isEqualTo(200);
        assertThat(host.admin("GET", "/admin/plugins", null).status()).isEqualTo(200);
    }

    /** {@code return null} becomes {@code return 0}: an int where an object is returned, which fails verification. */
    private static byte[] withoutNull(byte[] classFile) {
        int at = indexOf(classFile, RETURN_NULL);
        assertThat(at).as("Unverifiable.value()'s code in the class file").isNotNegative();
        assertThat(indexOf(classFile, RETURN_NULL, at + 1)).isNegative();
        byte[] changed = classFile.clone();
        changed[at + RETURN_NULL.length - 2] = 0x03; // iconst_0
        return changed;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle, 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
