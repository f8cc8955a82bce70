package io.metacortex.calendar.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Sets the {@code ETag} header of a successful answer holding an event (the object's etag, the one {@code If-Match}
 * is compared with) or a calendar (its sync token).
 */
public final class EtagHeader implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() / 100 != 2 || response.getHeaders().containsKey(HttpHeaders.ETAG)) {
            return;
        }
        String tag = null;
        if (response.getEntity() instanceof EventView event) {
            tag = event.etag();
        } else if (response.getEntity() instanceof CalendarView calendar) {
            tag = CalendarService.etag(calendar);
        }
        if (tag != null) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, IfMatch.quoted(tag));
        }
    }
}
