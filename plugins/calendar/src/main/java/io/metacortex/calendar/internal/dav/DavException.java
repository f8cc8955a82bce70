package io.metacortex.calendar.internal.dav;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A DAV request refused with a response of its own (a DAV:error body), answered as is by {@link Mapper}. */
final class DavException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Response response;

    DavException(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    Response response() {
        return response;
    }

    /** Answers a {@link DavException} with its response. */
    @Provider
    public static final class Mapper implements ExceptionMapper<DavException> {

        @Override
        public Response toResponse(DavException exception) {
            return exception.response();
        }
    }
}
