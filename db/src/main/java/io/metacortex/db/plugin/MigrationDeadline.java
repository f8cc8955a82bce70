package io.metacortex.db.plugin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a plugin's migrations at their deadline, whatever their SQL does (sleeps, waits on a lock, or turns
 * {@code statement_timeout} off): at the deadline the statement running on the migration's connection is cancelled
 * ({@code pg_cancel_backend}), and if the backend is still busy a moment later (a PL/pgSQL block may catch the
 * cancel), it is terminated. Either way the migrations' one transaction is rolled back: nothing of them is applied.
 */
final class MigrationDeadline implements Callback, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationDeadline.class);
    /** How long a cancelled migration may take to give up before its backend is terminated. */
    private static final Duration TERMINATE_AFTER = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final String pluginId;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "migration-deadline");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int backendPid;
    private volatile String script;
    private volatile boolean passed;

    MigrationDeadline(DataSource dataSource, String pluginId, Duration deadline) {
        this.dataSource = dataSource;
        this.pluginId = pluginId;
        timer.schedule(() -> end("pg_cancel_backend"), deadline.toMillis(), TimeUnit.MILLISECONDS);
        timer.schedule(
                () -> end("pg_terminate_backend"),
                deadline.plus(TERMINATE_AFTER).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (context.getMigrationInfo() != null) {
            script = context.getMigrationInfo().getScript();
        }
        if (backendPid == 0) {
            try (Statement st = context.getConnection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backendPid = rs.getInt(1);
            } catch (SQLException e) {
                LOG.warn("Could not read the backend of plugin {}'s migrations: {}", pluginId, e.getMessage());
            }
        }
    }

    @Override
    public String getCallbackName() {
        return "metacortex-migration-deadline";
    }

    /** @return whether the deadline passed while the migrations ran */
    boolean passed() {
        return passed;
    }

    /** @return the script that was running (or last started) */
    String script() {
        return script;
    }

    private void end(String function) {
        passed = true;
        int pid = backendPid;
        if (pid == 0) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT " + function + "(?)")) {
            st.setInt(1, pid);
            st.execute();
        } catch (SQLException e) {
            LOG.warn("Could not end the migrations of plugin {} ({}): {}", pluginId, function, e.getMessage());
        }
    }

    /** Stops the timer: the migrations are over. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
