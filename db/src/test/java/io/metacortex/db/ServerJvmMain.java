package io.metacortex.db;

import java.nio.file.Path;

/**
 * The main class {@link ServerJvm} runs: starts an embedded server on the data directory given as the argument,
 * prints {@value #STARTED} and its port, then waits until the JVM is killed or terminated.
 */
public final class ServerJvmMain {

    static final String STARTED = "EMBEDDED POSTGRESQL STARTED ON PORT ";

    private ServerJvmMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
        System.out.println(STARTED + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
