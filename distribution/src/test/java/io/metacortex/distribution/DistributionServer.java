package io.metacortex.distribution;

import io.metacortex.db.testing.PostgresProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The assembled distribution's server, started by {@code bin/metacortex server} on the embedded PostgreSQL of a data
 * directory of its own, on free ports, with the build's {@code METACORTEX_DB_URL} removed. {@link #close()} stops it
 * by its PID and kills the PostgreSQL processes of its data directory, also when the test failed half way.
 */
final class DistributionServer implements AutoCloseable {

    static final Path DISTRIBUTION = Path.of("target", "metacortex").toAbsolutePath();

    private final Process process;
    private final Path data;
    private final Path log;
    private final int port;
    private final int adminPort;

    private DistributionServer(Process process, Path data, Path log, int port, int adminPort) {
        this.process = process;
        this.data = data;
        this.log = log;
        this.port = port;
        this.adminPort = adminPort;
    }

    /** Starts the server with its data directory and log in {@code directory}; it does not wait for it to be ready. */
    static DistributionServer start(Path directory, String adminToken) throws IOException {
        Path data = Files.createDirectory(directory.resolve("data"));
        Path log = directory.resolve("host.log");
        int port = freePort();
        int adminPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(
                        DISTRIBUTION.resolve("bin/metacortex").toString(), "server")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment()
                .putAll(Map.of(
                        "METACORTEX_DATA_DIR",
                        data.toString(),
                        "METACORTEX_PORT",
                        Integer.toString(port),
                        "METACORTEX_ADMIN_PORT",
                        Integer.toString(adminPort),
                        "METACORTEX_ADMIN_TOKEN",
                        adminToken,
                        "METACORTEX_LOG_LEVEL",
                        "WARN",
                        "METACORTEX_CDS",
                        "off",
                        "JAVA_OPTS",
                        "-Xmx384m -XX:+UseSerialGC"));
        builder.environment().remove("METACORTEX_DB_URL");
        return new DistributionServer(builder.start(), data, log, port, adminPort);
    }

    Process process() {
        return process;
    }

    /** Its embedded PostgreSQL's data directory. */
    Path postgres() {
        return data.resolve("postgres");
    }

    Path log() {
        return log;
    }

    int port() {
        return port;
    }

    int adminPort() {
        return adminPort;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        PostgresProcesses.killAll(postgres());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
