package io.metacortex.host.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an exception nobody handled with a 500 that names a log id, and logs the stack trace under that id:
 * the response never carries internals. When the database is out of reach ({@link DatabaseUnavailable}) the
 * answer is a 503 with {@code Retry-After} instead, and the log has one line without a stack trace.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    private static final int RETRY_AFTER_SECONDS = 5;

    private final String where;

    /** @param where who answered, for the log: {@code host} or {@code plugin tasks} */
    public UnexpectedExceptionMapper(String where) {
        this.where = where;
    }

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException) {
                return Response.status(413)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(new ErrorBody(
                                "request body too large",
                                "The request body is over the limit (" + cause.getMessage() + ")."))
                        .build();
            }
        }
        if (DatabaseUnavailable.isCause(e)) {
            LOG.warn("The database is unavailable; {} answered 503: {}", where, e.getMessage());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(DatabaseUnavailable.BODY)
                    .build();
        }
        return Response.serverError()
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(logged(where, e))
                .build();
    }

    /**
     * Logs {@code e} with its stack trace under a new log id (the MDC adds the request id, and the plugin's id while
     * it serves the request), for an error answered outside Jersey too.
     *
     * @param where who answered, for the log and the answer: {@code host} or {@code plugin tasks}
     * @return the 500 answer's body, naming the log id and nothing of the error
     */
    public static ErrorBody logged(String where, Throwable e) {
        String id = String.format("%016x", ThreadLocalRandom.current().nextLong());
        LOG.error("Error handling a request in {} (log id {})", where, id, e);
        return new ErrorBody(
                "internal server error", "The request failed in " + where + "; it has been logged with id " + id + ".");
    }
}
