package io.metacortex.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries shipped on the classpath, keeping its data in a directory of the
 * instance, so that it survives restarts. It listens on 127.0.0.1 only, with trust authentication for user
 * {@value #SUPERUSER}.
 *
 * <p>PostgreSQL refuses to run as root. A root JVM therefore runs the server in a user namespace
 * ({@code unshare -U}) where that works, else as the unprivileged account {@code nobody}; set the system property
 * {@value #ACCOUNT_PROPERTY} (or call {@link #startAs}) to choose the account and force that path. The data
 * directory is handed to whichever identity runs the server. A {@code postmaster.pid} left by a crash does not
 * prevent the next start: a stale one is removed, and a server orphaned by a JVM that died is stopped first.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** System property naming the account to run PostgreSQL as when the JVM runs as root. */
    public static final String ACCOUNT_PROPERTY = "metacortex.db.embedded.account";

    static final String SUPERUSER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** How the PostgreSQL processes were started. */
    public enum LaunchMode {
        /** The JVM does not run as root; PostgreSQL runs as the same user. */
        CURRENT_USER,
        /** The JVM runs as root; PostgreSQL runs in a user namespace ({@code unshare -U}). */
        USER_NAMESPACE,
        /** The JVM runs as root; PostgreSQL runs as an unprivileged account ({@code setpriv}). */
        UNPRIVILEGED_ACCOUNT
    }

    private final PgCtl pgCtl;
    private final int port;
    private final LaunchMode mode;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(PgCtl pgCtl, int port, LaunchMode mode) {
        this.pgCtl = pgCtl;
        this.port = port;
        this.mode = mode;
    }

    /**
     * Starts a server on the given data directory, creating the cluster on first use. Runs PostgreSQL as the
     * account named by {@value #ACCOUNT_PROPERTY} when that is set, else as explained in the class comment.
     *
     * @param dataDirectory where the cluster lives; created if missing
     * @param port the TCP port on 127.0.0.1, or 0 for any free port
     * @throws IllegalStateException if the server cannot be started; the message includes PostgreSQL's log
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        String account = System.getProperty(ACCOUNT_PROPERTY, "");
        return start(dataDirectory, port, account.isBlank() ? ProcessIdentity.detect()
                : ProcessIdentity.unprivileged(account.strip()));
    }

    /**
     * Starts a server like {@link #start(Path, int)}, running PostgreSQL as the given unprivileged account even
     * where user namespaces would work. The JVM must run as root.
     *
     * @param account a local account name other than root, e.g. {@code nobody}
     */
    public static EmbeddedPostgresServer startAs(Path dataDirectory, int port, String account) {
        return start(dataDirectory, port, ProcessIdentity.unprivileged(account));
    }

    private static EmbeddedPostgresServer start(Path dataDirectory, int port, ProcessIdentity identity) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        PgCtl pgCtl = new PgCtl(PostgresBinaries.installation(), directory, identity);
        createPrivateDirectory(directory);
        recoverFromCrash(directory, pgCtl);
        identity.takeOwnership(directory);
        if (!pgCtl.clusterExists()) {
            LOG.info("Creating a PostgreSQL cluster in {}", directory);
            pgCtl.initdb();
        }
        int actualPort = port > 0 ? port : freePort();
        pgCtl.start(actualPort);
        LOG.info("Embedded PostgreSQL started on 127.0.0.1:{} from {}, running as {}", actualPort, directory,
                identity.description());
        return new EmbeddedPostgresServer(pgCtl, actualPort, identity.mode());
    }

    private static void recoverFromCrash(Path directory, PgCtl pgCtl) {
        PostmasterPidFile pidFile = new PostmasterPidFile(directory);
        switch (pidFile.state()) {
            case ABSENT -> { }
            case STALE -> {
                LOG.warn("Removing {} left by a server that is gone (crash?)", pidFile.path());
                pidFile.delete();
            }
            case SERVER_RUNNING -> {
                LOG.warn("A PostgreSQL server left running in {} by an earlier process; stopping it", directory);
                pgCtl.stop();
            }
        }
    }

    private static void createPrivateDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the PostgreSQL data directory " + directory, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port for PostgreSQL", e);
        }
    }

    /** @return a JDBC URL for the {@code postgres} database (no credentials in it; see {@link #user()}) */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** @return the superuser to connect as; authentication is trust, so any password is accepted */
    public String user() {
        return SUPERUSER;
    }

    /** @return the TCP port the server listens on */
    public int port() {
        return port;
    }

    /** @return how the PostgreSQL processes were started */
    public LaunchMode launchMode() {
        return mode;
    }

    /** Stops the server (fast shutdown: open transactions are rolled back); later calls do nothing. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        pgCtl.stop();
        LOG.info("Embedded PostgreSQL on port {} stopped", port);
    }
}
