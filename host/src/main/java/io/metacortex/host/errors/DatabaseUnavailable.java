package io.metacortex.host.errors;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;

/**
 * Tells a failure caused by the database being out of reach from a bug: no connection could be had from the pool
 * (Jdbi's {@link ConnectionException}, a pool wait that timed out), the connection broke (SQLState class
 * {@code 08}), or the server is shutting down or starting up ({@code 57P01}-{@code 57P03}). Those are answered 503
 * so that clients retry, instead of a 500.
 */
public final class DatabaseUnavailable {

    public static final ErrorBody BODY =
            new ErrorBody("service unavailable", "the database is unavailable; retry later");
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
    /** tomcat-jdbc's "Timeout: Pool empty" carries no SQLState; the pool sits below Dropwizard's ManagedDataSource. */
    private static final String POOL_EXHAUSTED = "org.apache.tomcat.jdbc.pool.PoolExhaustedException";

    private static final int MAX_DEPTH = 16;

    private DatabaseUnavailable() {}

    /** @return whether {@code error}, or one of its causes, says the database could not be reached */
    public static boolean isCause(Throwable error) {
        Throwable e = error;
        for (int depth = 0; e != null && depth < MAX_DEPTH; depth++, e = e.getCause()) {
            if (e instanceof ConnectionException
                    || e instanceof SQLTransientConnectionException
                    || e instanceof SQLNonTransientConnectionException
                    || e.getClass().getName().equals(POOL_EXHAUSTED)) {
                return true;
            }
            if (e instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
