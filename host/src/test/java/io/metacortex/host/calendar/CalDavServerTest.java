package io.metacortex.host.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metacortex.host.dav.PythonCalDav;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The calendar plugin's CalDAV server driven by a real client, Debian's python3-caldav (0.11, run as a subprocess by
 * /usr/bin/python3 and stopped by the test): from the server's root URL through {@code /.well-known/caldav} to the
 * principal and the calendars, an event created, edited (a stale ETag then refused with 412) and deleted with the
 * sync token moving each time, a date search over a recurring series, a calendar made; the REST API sees the same
 * events, and another user's client sees none of it.
 */
class CalDavServerTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    private static String otherUser;

    @BeforeAll
    static void install() {
        Reply installed = RUNNING.host().install(Fixtures.CALENDAR, Fixtures.CALENDAR_PERMISSIONS);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        otherUser = RUNNING.host().createUserWithToken("other@example.com", "Otto Other");
    }

    @Test
    void pythonCaldavDiscoversSyncsEditsAndSearchesWhatTheRestApiShows() throws Exception {
        DatabaseSnapshot.execute(RUNNING.database(), "DELETE FROM plugin_calendar.calendars");
        Reply work = RUNNING.host()
                .postJson("/api/calendar/calendars", "{\"name\": \"Work\", \"timeZone\": \"Europe/Berlin\"}");
        assertThat(work.status()).as(work.body()).isEqualTo(201);
        long calendarId = work.json().get("id").asLong();
        String myId = RUNNING.host().get("/api/me").json().get("id").asText();
        String calendarUrl = RUNNING.host()
                .uri("/api/calendar/dav/calendars/" + myId + "/" + calendarId + "/")
                .toString();

        JsonNode seen = run("owner", "tester@example.com", RUNNING.host().userToken());

        assertThat(seen.get("principal").asText())
                .isEqualTo(RUNNING.host()
                        .uri("/api/calendar/dav/principals/" + myId + "/")
                        .toString());
        assertThat(texts(seen.get("calendars"))).containsExactly("Work");
        assertThat(seen.get("created").asText()).isEqualTo(calendarUrl + "standup-py.ics");
        assertThat(texts(seen.get("syncAfterCreate")))
                .containsExactly(calendarUrl + "gone-py.ics", calendarUrl + "standup-py.ics");
        assertThat(seen.get("etagChanged").asBoolean()).isTrue();
        assertThat(seen.get("staleSave").asInt()).isEqualTo(412);
        assertThat(texts(seen.get("syncAfterEdit"))).containsExactly(calendarUrl + "standup-py.ics");
        assertThat(texts(seen.get("syncAfterDelete"))).containsExactly(calendarUrl + "gone-py.ics");
        assertThat(texts(seen.get("tokens"))).doesNotHaveDuplicates().hasSize(4);
        assertThat(texts(seen.get("may"))).containsExactly("standup-py");
        assertThat(texts(seen.get("june"))).isEmpty();
        assertThat(seen.get("summary").asText()).isEqualTo("Standup (moved)");

        // the REST API shows what the client wrote, the lost update did not land, and the deleted event is gone
        Reply standup = RUNNING.host().get("/api/calendar/calendars/" + calendarId + "/events/standup-py");
        assertThat(standup.status()).as(standup.body()).isEqualTo(200);
        assertThat(standup.json().get("title").asText()).isEqualTo("Standup (moved)");
        assertThat(standup.json().get("rrule").asText()).isEqualTo("FREQ=WEEKLY;COUNT=10");
        assertThat(RUNNING.host()
                        .get("/api/calendar/calendars/" + calendarId + "/events/gone-py")
                        .status())
                .isEqualTo(404);
        Reply calendars = RUNNING.host().get("/api/calendar/calendars");
        assertThat(calendars.json().get("items").findValuesAsText("name")).containsExactlyInAnyOrder("Work", "Phone");

        // another user's client finds its own empty home and a 404 for everything of the first user
        JsonNode other = run("other", "other@example.com", otherUser, calendarUrl + "standup-py.ics");
        assertThat(other.get("principal").asText()).doesNotContain(myId);
        assertThat(texts(other.get("calendars"))).isEmpty();
        assertThat(other.get("foreignGet").asInt()).isEqualTo(404);
        assertThat(other.get("foreignPropfind").asInt()).isEqualTo(404);
        assertThat(other.get("foreignDelete").asInt()).isEqualTo(404);
        assertThat(RUNNING.host()
                        .get("/api/calendar/calendars/" + calendarId + "/events/standup-py")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theWellKnownNameLeadsToTheCalendarsDavRootAndOptionsNameCalendarAccess() throws Exception {
        HttpResponse<String> wellKnown = RUNNING.host()
                .http()
                .send(
                        HttpRequest.newBuilder(RUNNING.host().uri("/.well-known/caldav"))
                                .method("PROPFIND", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(wellKnown.statusCode()).isEqualTo(307);
        assertThat(wellKnown.headers().firstValue("Location")).hasValue("/api/calendar/dav/");
        HttpResponse<String> options = RUNNING.host()
                .http()
                .send(
                        RUNNING.host()
                                .asUser(HttpRequest.newBuilder(RUNNING.host().uri("/api/calendar/dav/"))
                                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("DAV")).hasValue("1, 3, calendar-access");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /** Runs the client script; @return the JSON it printed */
    private static JsonNode run(String... arguments) throws Exception {
        String script;
        try (InputStream source = CalDavServerTest.class.getResourceAsStream("/caldav/calendar_client.py")) {
            script = new String(source.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> command = new ArrayList<>(List.of(arguments[0], root()));
        command.addAll(List.of(arguments).subList(1, arguments.length));
        String printed = PythonCalDav.run(script, Duration.ofSeconds(120), command.toArray(String[]::new));
        return new ObjectMapper().readTree(printed.substring(printed.lastIndexOf('\n') + 1));
    }

    private static String root() {
        return RUNNING.host().uri("/").toString();
    }
}
