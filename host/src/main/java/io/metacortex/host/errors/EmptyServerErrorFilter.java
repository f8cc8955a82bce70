package io.metacortex.host.errors;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a 500 without a body the host's JSON: Jersey answers so when an exception mapper itself fails (a plugin's own
 * mapper throwing, e.g. a LinkageError), after logging that failure.
 */
public final class EmptyServerErrorFilter implements ContainerResponseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(EmptyServerErrorFilter.class);

    private final String where;

    /** @param where who answered, for the log and the answer: {@code plugin tasks} */
    public EmptyServerErrorFilter(String where) {
        this.where = where;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 500 || response.hasEntity()) {
            return;
        }
        String id = String.format("%016x", ThreadLocalRandom.current().nextLong());
        LOG.error(
                "Error handling a request in {} (log id {}): it was answered 500 without a body; the error logged"
                        + " before this line for the same request id says why",
                where,
                id);
        response.getHeaders().putSingle("Content-Type", MediaType.APPLICATION_JSON);
        response.setEntity(new ErrorBody(
                "internal server error",
                "The request failed in " + where + "; it has been logged with id " + id + "."));
    }
}
