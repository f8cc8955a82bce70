package io.metacortex.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** PostgreSQL's {@code initdb} and {@code pg_ctl} for one data directory, run as a {@link ProcessIdentity}. */
final class PgCtl {

    private static final String TIMEOUT_SECONDS = "60";

    private final Path bin;
    private final Path dataDirectory;
    private final ProcessIdentity identity;

    PgCtl(Path installation, Path dataDirectory, ProcessIdentity identity) {
        this.bin = installation.resolve("bin");
        this.dataDirectory = dataDirectory;
        this.identity = identity;
    }

    void initdb() {
        ProcessRunner.run(identity.command(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                dataDirectory.toString(),
                "-U",
                EmbeddedPostgresServer.SUPERUSER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C")));
    }

    /** Starts the server on 127.0.0.1:{@code port} only (no Unix socket) and waits until it accepts connections. */
    void start(int port) {
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
        ProcessRunner.Result result = ProcessRunner.tryRun(identity.command(List.of(
                bin.resolve("pg_ctl").toString(),
                "start",
                "-w",
                "-t",
                TIMEOUT_SECONDS,
                "-D",
                dataDirectory.toString(),
                "-l",
                log().toString(),
                "-o",
                options)));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("PostgreSQL did not start in " + dataDirectory + ": " + result.output()
                    + "\n--- " + log() + " (last lines) ---\n" + logTail());
        }
    }

    void stop() {
        ProcessRunner.run(identity.command(List.of(
                bin.resolve("pg_ctl").toString(),
                "stop",
                "-w",
                "-t",
                TIMEOUT_SECONDS,
                "-m",
                "fast",
                "-D",
                dataDirectory.toString())));
    }

    private Path log() {
        return dataDirectory.resolve("postmaster.log");
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
