package io.metacortex.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries shipped on the classpath, keeping its data in a directory of the
 * instance, so that it survives restarts. It listens on 127.0.0.1 only and trusts nobody: every role, the superuser
 * {@value #SUPERUSER} included, logs in with its password (SCRAM-SHA-256, see {@link ClientAuthentication}). The
 * superuser's password is generated at first start and kept in {@code <data directory>.password}, readable by the
 * JVM's user only ({@link SuperuserPassword}); a cluster created by an earlier version, which trusted every local
 * connection, gets a password and password authentication at its next start, before the server listens.
 *
 * <p>PostgreSQL refuses to run as root. A root JVM therefore runs the server in a user namespace
 * ({@code unshare -U}) where that works, else as the unprivileged account {@code nobody}; set the system property
 * {@value #ACCOUNT_PROPERTY} (or call {@link #startAs}) to choose the account and force that path. The data
 * directory is handed to whichever identity runs the server.
 *
 * <p>The server never outlives the JVM that started it, unless that JVM is killed by {@code SIGKILL}: a start that
 * fails stops whatever it started, and a JVM shutdown hook (registered before anything is started, so also when the
 * JVM exits in the middle of a start) stops a server that was not {@link #close() closed}. The next start cleans up
 * after a JVM that was killed: while it holds the lock {@code <data directory>.lock}, it stops every PostgreSQL
 * process still serving the data directory, removes a stale {@code postmaster.pid} and creates the cluster again if
 * its first creation was interrupted (see {@link ClusterDirectory}). A PostgreSQL serving another directory is never
 * touched, and a data directory locked by another live JVM is refused.
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

    private final Path directory;
    private final ProcessIdentity identity;
    private final PgCtl pgCtl;
    private final Thread shutdownHook = new Thread(this::stopAtExit, "embedded-postgres-stop");
    private volatile Runnable beforeStopAtExit = () -> {};
    private volatile boolean exiting;
    // Guarded by this: a close() from the shutdown hook waits for a start in progress, then stops what it started.
    private DataDirectoryLock lock;
    private volatile int port;
    private volatile String password;
    private boolean running;
    private boolean closed;

    private EmbeddedPostgresServer(Path directory, ProcessIdentity identity) {
        this.directory = directory;
        this.identity = identity;
        this.pgCtl = new PgCtl(PostgresBinaries.installation(), directory, identity);
    }

    /**
     * Starts a server on the given data directory, creating the cluster on first use. Runs PostgreSQL as the
     * account named by {@value #ACCOUNT_PROPERTY} when that is set, else as explained in the class comment.
     *
     * @param dataDirectory where the cluster lives; created if missing
     * @param port the TCP port on 127.0.0.1, or 0 for any free port
     * @throws IllegalStateException if the server cannot be started (the message includes PostgreSQL's log), if
     *         another process uses the data directory, or if the directory holds files but no cluster
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        String account = System.getProperty(ACCOUNT_PROPERTY, "");
        return start(
                dataDirectory,
                port,
                account.isBlank() ? ProcessIdentity.detect() : ProcessIdentity.unprivileged(account.strip()));
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
        EmbeddedPostgresServer server =
                new EmbeddedPostgresServer(dataDirectory.toAbsolutePath().normalize(), identity);
        server.startUp(port);
        return server;
    }

    private synchronized void startUp(int requestedPort) {
        // Throws while the JVM is already exiting, before anything is started.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        boolean launched = false;
        try {
            createPrivateDirectory(directory);
            lock = DataDirectoryLock.acquire(directory);
            stopWhatACrashLeft();
            identity.takeOwnership(directory);
            refuseIfExiting();
            boolean created = new ClusterDirectory(directory).prepare(pgCtl);
            refuseIfExiting();
            password = requirePasswords(created);
            port = requestedPort > 0 ? requestedPort : freePort();
            refuseIfExiting();
            launched = true;
            pgCtl.start(port);
            running = true;
        } catch (RuntimeException e) {
            if (launched) {
                stopProcessesQuietly(e);
            }
            releaseLock();
            closed = true;
            removeShutdownHook();
            throw e;
        }
        LOG.info(
                "Embedded PostgreSQL started on 127.0.0.1:{} from {}, running as {}",
                port,
                directory,
                identity.description());
    }

    /**
     * Makes sure that the superuser has the stored password and that {@code pg_hba.conf} asks every role for its
     * password, with no server running: a new cluster ({@code initdb} trusts local connections), one created by an
     * earlier version, or one whose password file was deleted.
     *
     * @param created whether {@code initdb} just created the cluster
     * @return the superuser's password
     */
    private String requirePasswords(boolean created) {
        Optional<String> stored = SuperuserPassword.read(directory);
        boolean requiresPasswords = ClientAuthentication.requiresPasswords(directory);
        if (stored.isPresent() && requiresPasswords) {
            return stored.get();
        }
        if (!requiresPasswords && !created) {
            LOG.warn(
                    "The PostgreSQL cluster in {} let local connections in without a password (created by an earlier"
                            + " version, or its first start was interrupted); requiring passwords (scram-sha-256) from"
                            + " now on",
                    directory);
        }
        String superuserPassword = stored.orElseGet(() -> {
            LOG.info(
                    "Generated a password for the PostgreSQL superuser {} into {} (readable by its owner only)",
                    SUPERUSER,
                    SuperuserPassword.file(directory));
            return SuperuserPassword.create(directory);
        });
        pgCtl.setSuperuserPassword(PasswordUtil.encodeScramSha256(superuserPassword.toCharArray()));
        ClientAuthentication.requirePasswords(directory);
        return superuserPassword;
    }

    /** A JVM that died by SIGKILL leaves its server running, or at least its postmaster.pid. */
    private void stopWhatACrashLeft() {
        List<ProcessHandle> left = ServerProcesses.serving(directory);
        if (!left.isEmpty()) {
            LOG.warn(
                    "PostgreSQL processes {} were left running on {} by an earlier process; stopping them",
                    left.stream().map(ProcessHandle::pid).toList(),
                    directory);
            ServerProcesses.stop(left);
        }
        PostmasterPidFile pidFile = new PostmasterPidFile(directory);
        if (pidFile.exists()) {
            LOG.warn("Removing the stale {} ({})", pidFile.path(), pidFile.describe());
            pidFile.delete();
        }
    }

    private void refuseIfExiting() {
        if (exiting) {
            throw new IllegalStateException("Not starting PostgreSQL in " + directory + ": the JVM is exiting");
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

    /** @return the superuser to connect as, with {@link #password()} */
    public String user() {
        return SUPERUSER;
    }

    /** @return the superuser's password (never log it) */
    public String password() {
        return password;
    }

    /**
     * @return the file holding the superuser's password of the cluster in {@code dataDirectory}:
     *     {@code <data directory>.password}, readable by its owner only
     */
    public static Path passwordFile(Path dataDirectory) {
        return SuperuserPassword.file(dataDirectory.toAbsolutePath().normalize());
    }

    /** @return the TCP port the server listens on */
    public int port() {
        return port;
    }

    /** @return how the PostgreSQL processes were started */
    public LaunchMode launchMode() {
        return identity.mode();
    }

    /**
     * Has the shutdown hook run {@code action} before it stops the server, when the JVM exits with the server still
     * running: an application stops itself there, in its own order, so that it does not lose its database in the
     * middle of its stop. The action runs outside of this server's lock and may call {@link #close()}.
     */
    public void beforeStopAtExit(Runnable action) {
        beforeStopAtExit = action;
    }

    /**
     * Stops the server (fast shutdown: open transactions are rolled back) and waits until it is gone; later calls do
     * nothing. A call during a start on another thread waits for the start to end.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                stopServer();
            } finally {
                releaseLock();
            }
        }
        removeShutdownHook();
    }

    private void stopServer() {
        if (!running) {
            return;
        }
        running = false;
        try {
            pgCtl.stop();
        } catch (RuntimeException e) {
            LOG.warn("pg_ctl could not stop the embedded PostgreSQL on port {}; stopping its processes", port, e);
            ServerProcesses.stop(ServerProcesses.serving(directory));
        }
        LOG.info("Embedded PostgreSQL on port {} stopped", port);
    }

    private void stopAtExit() {
        exiting = true;
        try {
            beforeStopAtExit.run();
        } catch (RuntimeException e) {
            LOG.warn("Stopping what uses the embedded PostgreSQL failed; stopping PostgreSQL anyway", e);
        }
        close();
    }

    private void stopProcessesQuietly(RuntimeException failure) {
        try {
            ServerProcesses.stop(ServerProcesses.serving(directory));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void releaseLock() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException exiting) {
            // Called from the hook itself, or while other hooks run: nothing to remove.
        }
    }
}
