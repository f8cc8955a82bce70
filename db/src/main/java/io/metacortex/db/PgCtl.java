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

    /**
     * Creates the cluster with trust authentication: no server runs on it until {@link EmbeddedPostgresServer} has set
     * the superuser's password and required passwords ({@link #setSuperuserPassword}, {@link ClientAuthentication}).
     */
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
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                + " -c password_encryption=scram-sha-256";
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

    /**
     * Sets the superuser's password in single-user mode, with no server running: nothing can log in meanwhile, and
     * what reaches PostgreSQL (on standard input, never on a command line) is the SCRAM verifier, not the password.
     *
     * @param scramVerifier {@code SCRAM-SHA-256$...}, as {@code pg_authid.rolpassword} holds it
     */
    void setSuperuserPassword(String scramVerifier) {
        ProcessRunner.Result result = ProcessRunner.tryRun(
                identity.command(List.of(
                        bin.resolve("postgres").toString(), "--single", "-D", dataDirectory.toString(), "postgres")),
                "ALTER ROLE \"" + EmbeddedPostgresServer.SUPERUSER + "\" PASSWORD '" + scramVerifier + "';\n");
        if (result.exitCode() != 0
                || result.output().contains("ERROR:")
                || result.output().contains("FATAL:")) {
            throw new IllegalStateException("Could not set the password of the PostgreSQL superuser in " + dataDirectory
                    + ": " + result.output().replace(scramVerifier, "(verifier)"));
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
