package io.metacortex.host.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.http.HttpRequest;
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
        Reply installed = RUNNING.host().install(Fixtures.CALENDAR, "http:basic");
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        otherUser = RUNNING.host().createUserWithToken("other@example.com", "Otto Other");
    }

    @BeforeEach
    void empty() {
        DatabaseSnapshot.execute(RUNNING.database(), "DELETE FROM plugin_calendar.calendars");
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
}
