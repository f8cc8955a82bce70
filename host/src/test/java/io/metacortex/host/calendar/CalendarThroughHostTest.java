package io.metacortex.host.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The calendar plugin installed alone in a running host: its bundle passes the code check with lib-recur and its
 * iCalendar reader embedded, resolves without the tasks plugin, and serves events, their expansion across a
 * daylight-saving change and ICS import and export over HTTP, per user.
 */
class CalendarThroughHostTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    private static final String ICS = String.join(
            "\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Example//Test//EN",
            "BEGIN:VEVENT",
            "UID:standup@example.com",
            "DTSTAMP:20260101T000000Z",
            "DTSTART;TZID=Europe/Berlin:20260323T100000",
            "DTEND;TZID=Europe/Berlin:20260323T101500",
            "RRULE:FREQ=WEEKLY;COUNT=3",
            "SUMMARY:Standup",
            "X-CUSTOM:kept",
            "END:VEVENT",
            "END:VCALENDAR",
            "");

    private static String otherUser;

    @BeforeAll
    static void start() {
        Reply installed = RUNNING.host().install(Fixtures.CALENDAR, Fixtures.CALENDAR_PERMISSIONS);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        otherUser = RUNNING.host().createUserWithToken("other@example.com", "Otto Other");
    }

    @BeforeEach
    void empty() {
        DatabaseSnapshot.execute(RUNNING.database(), "DELETE FROM plugin_calendar.calendars");
        DatabaseSnapshot.execute(RUNNING.database(), "DELETE FROM plugin_calendar.caldav_accounts");
    }

    private static long calendar(String name) {
        Reply created = RUNNING.host()
                .postJson("/api/calendar/calendars", "{\"name\": \"" + name + "\", \"timeZone\": \"Europe/Berlin\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static Reply importIcs(long calendar, String ics) {
        return RUNNING.host()
                .send(RUNNING.host()
                        .asUser(HttpRequest.newBuilder(
                                        RUNNING.host().uri("/api/calendar/calendars/" + calendar + "/ics"))
                                .header("Content-Type", "text/calendar")
                                .POST(HttpRequest.BodyPublishers.ofString(ics))));
    }

    @Test
    void itRunsWithoutTheTasksPlugin() {
        Reply plugins = RUNNING.host().admin("GET", "/admin/plugins", null);

        assertThat(plugins.json().get("plugins").findValuesAsText("id")).containsExactly("calendar");
        assertThat(plugins.json().get("plugins").get(0).get("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void eventsExpandAcrossTheChangeToSummerTimeAndShowTheirTaskAsUnavailable() {
        long calendar = calendar("Work");
        Reply created = RUNNING.host().postJson("/api/calendar/calendars/" + calendar + "/events", """
                {"title": "Focus", "start": "2027-03-22T10:00:00+01:00", "end": "2027-03-22T12:00:00+01:00",
                 "timeZone": "Europe/Berlin", "rrule": "FREQ=WEEKLY;COUNT=2", "reminders": [10], "taskId": 7}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("task").get("status").asText()).isEqualTo("UNAVAILABLE");

        Reply instances = RUNNING.host().get("/api/calendar/events?from=2027-03-01T00:00:00Z&to=2027-04-30T00:00:00Z");

        assertThat(instances.status()).as(instances.body()).isEqualTo(200);
        assertThat(instances.json().get("items").findValuesAsText("start"))
                .containsExactly("2027-03-22T10:00+01:00", "2027-03-29T10:00+02:00");
        // the reminder of the first instance is a job of the host's scheduler
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT count(*) FROM metacortex.scheduled_tasks WHERE plugin_id = 'calendar'"))
                .containsExactly("1");
    }

    @Test
    void icsImportAndExportOverHttp() {
        long calendar = calendar("Imported");

        Reply imported = importIcs(calendar, ICS);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("uids").get(0).asText()).isEqualTo("standup@example.com");

        Reply exported = RUNNING.host().get("/api/calendar/calendars/" + calendar + "/ics");
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.contentType()).startsWith("text/calendar");
        assertThat(exported.body()).contains("UID:standup@example.com", "RRULE:FREQ=WEEKLY;COUNT=3", "X-CUSTOM:kept");

        Reply malformed = importIcs(calendar, ICS.replace("SUMMARY:Standup", "SUMMARY Standup"));
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(422);
        assertThat(malformed.json().get("detail").asText()).startsWith("line 10: ");
    }

    @Test
    void anotherUsersCalendarIs404() {
        long calendar = calendar("Mine");
        JsonNode event = RUNNING.host()
                .postJson("/api/calendar/calendars/" + calendar + "/events", """
                        {"title": "Private", "start": "2026-05-04T10:00:00Z"}""")
                .json();

        Reply other = RUNNING.host()
                .as(
                        otherUser,
                        "GET",
                        "/api/calendar/calendars/" + calendar + "/events/"
                                + event.get("uid").asText(),
                        null);
        Reply list = RUNNING.host().as(otherUser, "GET", "/api/calendar/calendars", null);

        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().get("error").asText()).isEqualTo("calendar not found");
        assertThat(list.json().get("items")).isEmpty();
    }

    @Test
    void anEventsEtagIsItsHeaderAndAStaleIfMatchIs412() throws Exception {
        long calendar = calendar("Tagged");
        Reply created = RUNNING.host().postJson("/api/calendar/calendars/" + calendar + "/events", """
                {"title": "Tagged", "start": "2026-05-04T10:00:00Z"}""");
        String path = "/api/calendar/calendars/" + calendar + "/events/"
                + created.json().get("uid").asText();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> read = http.send(
                RUNNING.host()
                        .asUser(HttpRequest.newBuilder(RUNNING.host().uri(path)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String etag = created.json().get("etag").asText();
        assertThat(read.headers().firstValue("ETag")).hasValue("\"" + etag + "\"");

        HttpResponse<String> stale = http.send(
                RUNNING.host()
                        .asUser(HttpRequest.newBuilder(RUNNING.host().uri(path)))
                        .header("If-Match", "\"stale\"")
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"title\": \"Changed\", \"start\": \"2026-05-04T10:00:00Z\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
        assertThat(stale.body()).contains("If-Match", etag);
        assertThat(RUNNING.host().get(path).json().get("title").asText()).isEqualTo("Tagged");

        HttpResponse<String> current = http.send(
                RUNNING.host()
                        .asUser(HttpRequest.newBuilder(RUNNING.host().uri(path)))
                        .header("If-Match", "\"" + etag + "\"")
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(current.statusCode()).as(current.body()).isEqualTo(204);
    }

    @Test
    void aFeedOnAHostThePluginDidNotDeclareIsRefused() {
        Reply refused = RUNNING.host().postJson("/api/calendar/subscriptions", """
                {"url": "https://feeds.example.com/team.ics", "name": "Team"}""");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("fields").get("url").asText())
                .contains("feeds.example.com", "calendar.google.com", "*.icloud.com");
        assertThat(RUNNING.host().get("/api/calendar/subscriptions").json().get("items"))
                .isEmpty();
        assertThat(RUNNING.host().get("/api/calendar/calendars").json().get("items"))
                .isEmpty();
    }

    @Test
    void aCalDavAccountOnAHostTheBundleDoesNotDeclareIsRefusedListingTheDeclaredOnes() {
        Reply refused = RUNNING.host().postJson("/api/calendar/accounts", """
                {"url": "http://127.0.0.1:1/dav/", "username": "ada", "password": "never-stored"}""");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("fields").get("url").asText())
                .contains("caldav.icloud.com", "*.icloud.com", "caldav.fastmail.com");
        assertThat(refused.body()).doesNotContain("never-stored");
        assertThat(RUNNING.host().get("/api/calendar/accounts").json().get("items"))
                .isEmpty();
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT count(*) FROM metacortex.plugin_secrets WHERE plugin_id = 'calendar'"))
                .containsExactly("0");
        assertThat(RUNNING.host()
                        .as(otherUser, "GET", "/api/calendar/accounts/1", null)
                        .status())
                .isEqualTo(404);
    }
}
