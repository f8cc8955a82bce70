package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.dav.CalDavResource;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.ApiException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.function.Supplier;

/**
 * Calls the CalDAV routes of a {@link CalendarHarness} as one user, as Jersey would: paths below {@code dav/}, the
 * request URI under {@code http://localhost/api/calendar/}, and exceptions turned into their responses.
 */
final class DavCalls {

    static final String BASE = "http://localhost/api/calendar/";
    static final String ROOT = "/api/calendar/dav/";

    private final CalendarHarness app;
    private final User user;

    DavCalls(CalendarHarness app, User user) {
        this.app = app;
        this.user = user;
    }

    /** A response as a client reads it. */
    record Reply(int status, String body, String etag) {}

    String home() {
        return "calendars/" + user.id() + "/";
    }

    String calendar(String segment) {
        return home() + segment + "/";
    }

    Reply propfind(String path, String depth, String body) {
        return call(() -> app.dav.propfind(user, uri(path), path, depth, body));
    }

    Reply proppatch(String path, String body) {
        return call(() -> app.dav.proppatch(user, uri(path), path, body));
    }

    Reply mkcalendar(String path, String body) {
        return call(() -> app.dav.mkcalendar(user, path, body));
    }

    Reply report(String path, String body) {
        return call(() -> app.dav.report(user, uri(path), path, body));
    }

    Reply get(String path) {
        return call(() -> app.dav.get(user, path));
    }

    Reply put(String path, String ifMatch, String ifNoneMatch, String body) {
        return call(() -> app.dav.put(user, path, "text/calendar; charset=utf-8", ifMatch, ifNoneMatch, body));
    }

    Reply put(String path, String contentType, String body) {
        return call(() -> app.dav.put(user, path, contentType, null, null, body));
    }

    Reply delete(String path, String ifMatch) {
        return call(() -> app.dav.delete(user, path, ifMatch));
    }

    private Reply call(Supplier<Response> route) {
        app.as(user);
        Response response;
        try {
            response = route.get();
        } catch (ApiException e) {
            response = e.getResponse();
        } catch (RuntimeException e) {
            @SuppressWarnings("unchecked")
            ExceptionMapper<RuntimeException> mapper =
                    (ExceptionMapper<RuntimeException>) CalDavResource.exceptionMapper();
            response = mapper.toResponse(e);
        }
        Object entity = response.getEntity();
        return new Reply(
                response.getStatus(), entity == null ? "" : entity.toString(), response.getHeaderString("ETag"));
    }

    /** @return the UriInfo of a request to {@code dav/<path>}: its base URI and request URI */
    static UriInfo uri(String path) {
        URI request = URI.create(BASE + "dav/" + path.replace(" ", "%20"));
        return (UriInfo) Proxy.newProxyInstance(
                UriInfo.class.getClassLoader(),
                new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBaseUri" -> URI.create(BASE);
                    case "getRequestUri" -> request;
                    case "getAbsolutePathBuilder" -> UriBuilder.fromUri(request);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
