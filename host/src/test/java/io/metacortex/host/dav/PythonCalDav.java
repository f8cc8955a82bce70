package io.metacortex.host.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of Debian's python3-caldav (a CalDAV client nobody here wrote) with {@code /usr/bin/python3}, as a
 * process the caller waits for and that is killed when it overruns; {@code .ci/run} installs the package when it is
 * missing.
 */
public final class PythonCalDav {

    private static final String PYTHON = "/usr/bin/python3";

    private PythonCalDav() {}

    /**
     * @param script the script's text
     * @param timeout how long it may run
     * @return what it printed (standard output and error), trimmed, once it exited with 0
     */
    public static String run(String script, Duration timeout, String... arguments)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile("caldav-client", ".py");
        Path output = Files.createTempFile("caldav-client", ".out");
        try {
            Files.writeString(file, script);
            List<String> command = new ArrayList<>(List.of(PYTHON, file.toString()));
            command.addAll(List.of(arguments));
            Process python = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try {
                assertThat(python.waitFor(timeout.toSeconds(), TimeUnit.SECONDS))
                        .as("python3-caldav finished within %s", timeout)
                        .isTrue();
            } finally {
                python.destroyForcibly();
                python.waitFor(10, TimeUnit.SECONDS);
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8).trim();
            assertThat(python.exitValue())
                    .as("python3-caldav (apt-get install -y python3-caldav) printed: %s", printed)
                    .isZero();
            return printed;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(output);
        }
    }
}
