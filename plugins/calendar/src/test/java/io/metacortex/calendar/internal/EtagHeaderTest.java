package io.metacortex.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ETag header of answers holding an event (its etag) or a calendar (its sync token), and of no other. */
class EtagHeaderTest {

    private static MultivaluedMap<String, Object> headersAfter(int status, Object entity) {
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        ContainerResponseContext response = (ContainerResponseContext) Proxy.newProxyInstance(
                EtagHeaderTest.class.getClassLoader(),
                new Class<?>[] {ContainerResponseContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getStatus" -> status;
                    case "getEntity" -> entity;
                    case "getHeaders" -> headers;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        new EtagHeader().filter(null, response);
        return headers;
    }

    @Test
    void anEventsAndACalendarsTagsAreTheirHeaders() {
        EventView event = new EventView(
                1,
                "uid",
                "abc123",
                null,
                "t",
                null,
                null,
                "2026-01-01",
                "2026-01-02",
                null,
                true,
                false,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of());
        CalendarView calendar = new CalendarView(1, "Work", "#3a87ad", "UTC", 7, Instant.EPOCH, Instant.EPOCH);

        assertThat(headersAfter(200, event).getFirst("ETag")).isEqualTo("\"abc123\"");
        assertThat(headersAfter(201, calendar).getFirst("ETag")).isEqualTo("\"7\"");
        assertThat(headersAfter(404, event)).isEmpty();
        assertThat(headersAfter(200, "other")).isEmpty();
    }
}
