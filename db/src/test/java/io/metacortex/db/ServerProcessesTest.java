package io.metacortex.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.metacortex.db.testing.PostgresProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which processes count as a data directory's PostgreSQL, and how they are stopped, with stand-ins: copies of
 * {@code sleep} and {@code sh} named {@code postgres}, which can be made to ignore the shutdown signals.
 */
class ServerProcessesTest {

    @TempDir
    Path tempDir;

    private Path dataDir;
    private Path fakePostgres;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void fakes() throws IOException {
        dataDir = Files.createDirectories(tempDir.resolve("data"));
        fakePostgres = copyAsPostgres("/usr/bin/sleep", "sleep-bin");
    }

    @AfterEach
    void killStarted() {
        started.forEach(Process::destroyForcibly);
        started.forEach(process -> process.onExit().join());
    }

    @Test
    void processesNamedPostgresWorkingInTheDirectoryOrNamingItAfterDashDAreItsOthersAreNot() throws Exception {
        Process inDirectory = start(dataDir, "exec " + fakePostgres + " 600");
        Path fakeShell = copyAsPostgres("/bin/sh", "sh-bin");
        Process namingIt = start(tempDir, "exec " + fakeShell + " -c 'sleep 600; :' -D " + dataDir);
        Process elsewhere = start(tempDir, "exec " + fakePostgres + " 600");
        Process notPostgres = start(dataDir, "exec sleep 600");

        List<ProcessHandle> serving = ServerProcesses.serving(dataDir);

        assertThat(serving)
                .extracting(ProcessHandle::pid)
                .contains(inDirectory.pid(), namingIt.pid())
                .doesNotContain(elsewhere.pid(), notPostgres.pid());
        assertThat(ServerProcesses.serving(tempDir.resolve("missing"))).isEmpty();
    }

    @Test
    void aProcessIgnoringTheShutdownSignalsIsKilled() throws Exception {
        Process stubborn = start(dataDir, "trap '' INT QUIT; exec " + fakePostgres + " 600");
        List<ProcessHandle> serving = ServerProcesses.serving(dataDir);
        assertThat(serving).extracting(ProcessHandle::pid).containsExactly(stubborn.pid());

        ServerProcesses.stop(serving, Duration.ofMillis(300), Duration.ofMillis(300));

        assertThat(stubborn.isAlive()).isFalse();
        assertThat(PostgresProcesses.of(dataDir)).isEmpty();
    }

    @Test
    void aProcessThatStopsOnSigintStopsAtTheFirstStep() throws Exception {
        Process polite = start(dataDir, "exec " + fakePostgres + " 600");

        ServerProcesses.stop(ServerProcesses.serving(dataDir), Duration.ofSeconds(30), Duration.ofMillis(1));

        assertThat(polite.onExit().join().exitValue())
                .as("killed by SIGINT, not SIGKILL")
                .isEqualTo(128 + 2);
    }

    /** Runs {@code script} in {@code directory}, and returns once the shell has exec'd the command it ends with. */
    private Process start(Path directory, String script) throws IOException {
        Process process = new ProcessBuilder("sh", "-c", script)
                .directory(directory.toFile())
                .start();
        started.add(process);
        ProcessHandle handle = process.toHandle();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> handle.info()
                        .command()
                        .map(c -> !c.endsWith("/sh") && !c.endsWith("/dash"))
                        .orElse(false));
        return process;
    }

    private Path copyAsPostgres(String binary, String folder) throws IOException {
        Path copy = Files.createDirectories(tempDir.resolve(folder)).resolve("postgres");
        Files.copy(Path.of(binary).toRealPath(), copy, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        return copy;
    }
}
