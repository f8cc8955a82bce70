package io.metacortex.host.errors;

import jakarta.ws.rs.core.Response;

/** A request the host refuses, with the status and the error body to answer with; nothing was changed. */
public class HostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    public HostException(Response.Status status, String error, String detail) {
        this(status.getStatusCode(), error, detail, null);
    }

    public HostException(int status, String error, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public ErrorBody body() {
        return new ErrorBody(error, getMessage());
    }

    /** @return the JSON body to answer with: {@link #body()}, unless the refusal has more to say */
    public ErrorAnswer entity() {
        return body();
    }
}
