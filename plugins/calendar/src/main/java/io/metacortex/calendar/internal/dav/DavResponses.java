package io.metacortex.calendar.internal.dav;

import io.metacortex.plugin.support.ApiException;
import jakarta.ws.rs.core.Response;

/** The responses the DAV routes share: a multistatus, a DAV:error naming a condition, a plain 404. */
final class DavResponses {

    static final String XML = "application/xml; charset=utf-8";

    private DavResponses() {}

    static Response multistatus(DavXml xml) {
        return Response.status(207).type(XML).entity(xml.end()).build();
    }

    /** @return an exception answering a DAV:error body naming {@code condition} (RFC 4918 16) */
    static DavException error(int status, String namespace, String condition, String message) {
        return new DavException(Response.status(status)
                .type(XML)
                .entity(DavXml.error(namespace, condition, message))
                .build());
    }

    static ApiException notFound(String what) {
        return ApiException.notFound("not found", "no " + what + " here");
    }
}
