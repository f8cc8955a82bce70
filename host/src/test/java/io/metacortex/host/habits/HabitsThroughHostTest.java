package io.metacortex.host.habits;

import static io.metacortex.host.testing.JsonErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The habits plugin as the frontend sees it: installed ALONE in a running host (no tasks plugin, so its optional
 * import of the tasks API stays unwired), called over HTTP. The host's clock is the real one: "today" is asserted as
 * the day in the user's zone before or after the request, which is the same day except across a midnight.
 */
class HabitsThroughHostTest {

    /** UTC+14 and UTC-11: 25 hours apart, so their local days always differ. */
    private static final ZoneId KIRITIMATI = ZoneId.of("Pacific/Kiritimati");

    private static final ZoneId PAGO_PAGO = ZoneId.of("Pacific/Pago_Pago");

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    private static String otherUser;
    private static String kiritimatiUser;
    private static String pagoPagoUser;

    @BeforeAll
    static void start() {
        Reply installed = RUNNING.host().install(Fixtures.HABITS);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        otherUser = RUNNING.host().createUserWithToken("other@example.com", "Otto Other");
        kiritimatiUser = userInZone("kiri@example.com", KIRITIMATI);
        pagoPagoUser = userInZone("pago@example.com", PAGO_PAGO);
    }

    @BeforeEach
    void empty() {
        DatabaseSnapshot.execute(RUNNING.database(), "TRUNCATE plugin_habits.habits CASCADE");
    }

    /** A user created through the admin API with a time zone; @return a personal access token for them */
    private static String userInZone(String email, ZoneId zone) {
        Reply user = RUNNING.host()
                .adminJson(
                        "POST",
                        "/admin/users",
                        "{\"email\": \"" + email + "\", \"displayName\": \"Zoned\", \"timeZone\": \"" + zone.getId()
                                + "\"}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        assertThat(user.json().get("timeZone").asText()).isEqualTo(zone.getId());
        return RUNNING.host()
                .adminJson(
                        "POST", "/admin/users/" + user.json().get("id").asText() + "/tokens", "{\"name\": \"tests\"}")
                .json()
                .get("token")
                .asText();
    }

    @Test
    void itRunsWithoutTheTasksPlugin() {
        JsonNode plugins =
                RUNNING.host().admin("GET", "/admin/plugins", null).json().get("plugins");

        assertThat(plugins.findValuesAsText("id")).containsExactly("habits");
        assertThat(plugins.get(0).get("state").asText()).isEqualTo("ACTIVE");
        Reply linked = RUNNING.host().postJson("/api/habits", "{\"name\": \"Read\", \"taskId\": 424242}");
        assertThat(linked.status())
                .as("no tasks plugin to ask: any task id is accepted")
                .isEqualTo(201);
        assertThat(linked.json().get("taskId").asLong()).isEqualTo(424242);
    }

    @Test
    void createCheckInAndStats() {
        Reply created = RUNNING.host().postJson("/api/habits", """
                {"name": " Drink water ", "kind": "MEASURABLE", "target": 8, "unit": "glasses"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode habit = created.json();
        String path = "/api/habits/" + habit.get("id").asLong();
        assertThat(habit.get("name").asText()).isEqualTo("Drink water");
        assertThat(habit.get("target").toString()).isEqualTo("8");
        assertThat(habit.get("days").toString()).isEqualTo("[]");
        assertThat(habit.get("timeZone").asText()).isEqualTo("UTC");
        assertThat(RUNNING.host().get(path).json()).isEqualTo(habit);

        LocalDate before = LocalDate.now(ZoneId.of("UTC"));
        Reply partial = RUNNING.host().postJson(path + "/check-ins", "{\"value\": 3}");
        LocalDate after = LocalDate.now(ZoneId.of("UTC"));
        assertThat(partial.status()).as(partial.body()).isEqualTo(201);
        assertThat(partial.json().get("date").asText()).isIn(before.toString(), after.toString());
        assertThat(partial.json().get("done").asBoolean()).isFalse();
        assertThat(RUNNING.host()
                        .get(path + "/stats")
                        .json()
                        .get("currentStreak")
                        .asInt())
                .isZero();

        Reply noBody = RUNNING.host().asUser("POST", path + "/check-ins", null);
        assertThat(noBody.status())
                .as("the same day again: replaced; " + noBody.body())
                .isEqualTo(200);
        assertThat(noBody.json().get("value").toString()).isEqualTo("8");
        assertThat(noBody.json().get("done").asBoolean()).isTrue();

        JsonNode checkIns = RUNNING.host().get(path + "/check-ins").json().get("items");
        assertThat(checkIns).hasSize(1);
        JsonNode stats = RUNNING.host().get(path + "/stats").json();
        assertThat(stats.get("currentStreak").asInt()).isEqualTo(1);
        assertThat(stats.get("longestStreak").asInt()).isEqualTo(1);
        assertThat(stats.get("completionRate").asDouble()).isEqualTo(1.0);
        assertThat(stats.get("scheduledDays").asInt()).isEqualTo(1);

        String day = noBody.json().get("date").asText();
        assertThat(RUNNING.host()
                        .asUser("DELETE", path + "/check-ins/" + day, null)
                        .status())
                .isEqualTo(204);
        assertThat(RUNNING.host()
                        .get(path + "/stats")
                        .json()
                        .get("currentStreak")
                        .asInt())
                .isZero();
        assertThat(RUNNING.host()
                        .asUser("PUT", path + "/rest-days/" + day, null)
                        .status())
                .isEqualTo(204);
        assertThat(RUNNING.host()
                        .get(path + "/rest-days")
                        .json()
                        .get("items")
                        .get(0)
                        .asText())
                .isEqualTo(day);
        assertThat(RUNNING.host().asUser("DELETE", path, null).status()).isEqualTo(204);
        assertThat(RUNNING.host().get(path).status()).isEqualTo(404);
    }

    @Test
    void invalidRequestsNameTheFieldAndStoreNothing() {
        Reply invalid = RUNNING.host().postJson("/api/habits", """
                {"name": "", "kind": "YES_NO", "target": 8, "days": ["MO", "XX"]}""");

        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.json().get("error").asText()).isEqualTo("validation failed");
        assertThat(invalid.json().get("fields").fieldNames()).toIterable().containsExactly("name", "target", "days");
        assertThat(RUNNING.host()
                        .postJson(
                                "/api/habits",
                                "{\"name\": \"x\", \"kind\": \"MEASURABLE\", "
                                        + "\"target\": 0.0001, \"unit\": \"ml\"}")
                        .json()
                        .get("fields")
                        .fieldNames())
                .toIterable()
                .containsExactly("target");
        assertThat(RUNNING.host()
                        .postJson("/api/habits", "{\"name\": \"x\", \"kind\": \"MEASURABLE\"}")
                        .json()
                        .get("fields")
                        .fieldNames())
                .toIterable()
                .containsExactly("target", "unit");
        assertThat(RUNNING.host().postJson("/api/habits", "not json").status()).isEqualTo(400);
        assertThat(RUNNING.host().get("/api/habits?archived=maybe").status()).isEqualTo(400);

        long id = RUNNING.host()
                .postJson("/api/habits", "{\"name\": \"Read\"}")
                .json()
                .get("id")
                .asLong();
        Reply old = RUNNING.host().postJson("/api/habits/" + id + "/check-ins", "{\"date\": \"2000-01-01\"}");
        assertThat(old.status()).isEqualTo(422);
        assertThat(old.json().get("fields").get("date").asText()).contains("up to 7 days before");
        assertThat(RUNNING.host()
                        .asUser("DELETE", "/api/habits/" + id + "/check-ins/someday", null)
                        .status())
                .isEqualTo(400);
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM plugin_habits.check_ins"))
                .containsExactly("0");
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM plugin_habits.habits"))
                .containsExactly("1");
    }

    @Test
    void wronglyTypedFieldsAre422NamingTheFieldInPlainWordsAndChangeNothing() {
        JsonNode kept = RUNNING.host().postJson("/api/habits", """
                {"name": "Water", "kind": "MEASURABLE", "target": 8, "unit": "glasses"}""").json();
        String habit = "/api/habits/" + kept.get("id").asLong();

        assertRefused(RUNNING.host().postJson("/api/habits", "{\"name\": 123}"), "name", "must be a string");
        assertRefused(
                RUNNING.host().postJson("/api/habits", "{\"name\": \"x\", \"days\": \"MO\"}"),
                "days",
                "must be a list");
        assertRefused(
                RUNNING.host().postJson("/api/habits", "{\"name\": \"x\", \"taskId\": \"abc\"}"),
                "taskId",
                "must be a whole number");
        assertRefused(
                RUNNING.host().postJson("/api/habits", "{\"name\": \"x\", \"kind\": \"DAILY\"}"),
                "kind",
                "must be one of YES_NO, MEASURABLE");
        assertRefused(
                RUNNING.host().postJson("/api/habits", "{\"name\": \"x\", \"archived\": \"yes\"}"),
                "archived",
                "must be true or false");
        assertRefused(
                RUNNING.host()
                        .postJson(
                                "/api/habits",
                                "{\"name\": \"x\", \"kind\": \"MEASURABLE\", "
                                        + "\"target\": \"8\", \"unit\": \"ml\"}"),
                "target",
                "must be a number");
        assertRefused(
                RUNNING.host().postJson("/api/habits", "{\"name\": \"x\", \"days\": [\"MO\", 3]}"),
                "days[1]",
                "must be a string");
        assertRefused(
                RUNNING.host().asUser("PUT", habit, "{\"name\": \"Tea\", \"kind\": 2}"), "kind", "must be a string");
        assertRefused(
                RUNNING.host().postJson(habit + "/check-ins", "{\"date\": \"tomorrow\"}"),
                "date",
                "must be a date such as 2026-11-25");
        assertRefused(
                RUNNING.host().postJson(habit + "/check-ins", "{\"value\": \"much\"}"), "value", "must be a number");
        assertRefused(RUNNING.host().postJson(habit + "/check-ins", "{\"value\": true}"), "value", "must be a number");

        assertThat(RUNNING.host().get(habit).json()).isEqualTo(kept);
        assertThat(RUNNING.host().get(habit + "/check-ins").json().get("items")).isEmpty();
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM plugin_habits.habits"))
                .containsExactly("1");
    }

    @Test
    void anotherUserCanNeitherSeeNorTouchTheHabits() {
        long id = RUNNING.host()
                .postJson("/api/habits", "{\"name\": \"Mine\"}")
                .json()
                .get("id")
                .asLong();
        String path = "/api/habits/" + id;

        assertThat(RUNNING.host()
                        .as(otherUser, "GET", "/api/habits", null)
                        .json()
                        .get("items"))
                .isEmpty();
        Reply read = RUNNING.host().as(otherUser, "GET", path, null);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().get("detail").asText()).isEqualTo("no habit with id " + id);
        assertThat(RUNNING.host()
                        .as(otherUser, "PUT", path, "{\"name\": \"taken\"}")
                        .status())
                .isEqualTo(404);
        assertThat(RUNNING.host()
                        .as(otherUser, "POST", path + "/check-ins", null)
                        .status())
                .isEqualTo(404);
        assertThat(RUNNING.host().as(otherUser, "GET", path + "/stats", null).status())
                .isEqualTo(404);
        assertThat(RUNNING.host().as(otherUser, "DELETE", path, null).status()).isEqualTo(404);

        assertThat(RUNNING.host().get(path).json().get("name").asText()).isEqualTo("Mine");
        assertThat(DatabaseSnapshot.query(RUNNING.database(), "SELECT count(*) FROM plugin_habits.check_ins"))
                .containsExactly("0");
    }

    @Test
    void todayIsTheLocalDayOfTheUsersTimeZone() {
        long kiri = RUNNING.host()
                .as(kiritimatiUser, "POST", "/api/habits", "{\"name\": \"Swim\"}")
                .json()
                .get("id")
                .asLong();
        long pago = RUNNING.host()
                .as(pagoPagoUser, "POST", "/api/habits", "{\"name\": \"Swim\"}")
                .json()
                .get("id")
                .asLong();

        LocalDate kiriBefore = LocalDate.now(KIRITIMATI);
        Reply kiriToday = RUNNING.host().as(kiritimatiUser, "POST", "/api/habits/" + kiri + "/check-ins", null);
        LocalDate kiriAfter = LocalDate.now(KIRITIMATI);
        LocalDate pagoBefore = LocalDate.now(PAGO_PAGO);
        Reply pagoToday = RUNNING.host().as(pagoPagoUser, "POST", "/api/habits/" + pago + "/check-ins", "{}");
        LocalDate pagoAfter = LocalDate.now(PAGO_PAGO);

        assertThat(kiriToday.status()).as(kiriToday.body()).isEqualTo(201);
        assertThat(pagoToday.status()).as(pagoToday.body()).isEqualTo(201);
        String kiriDay = kiriToday.json().get("date").asText();
        assertThat(kiriDay).isIn(kiriBefore.toString(), kiriAfter.toString());
        assertThat(pagoToday.json().get("date").asText()).isIn(pagoBefore.toString(), pagoAfter.toString());
        assertThat(LocalDate.parse(kiriDay))
                .isAfter(LocalDate.parse(pagoToday.json().get("date").asText()));

        Reply tomorrowInPagoPago = RUNNING.host()
                .as(pagoPagoUser, "POST", "/api/habits/" + pago + "/check-ins", "{\"date\": \"" + kiriDay + "\"}");
        assertThat(tomorrowInPagoPago.status())
                .as("Kiritimati's today is in Pago Pago's future")
                .isEqualTo(422);
        assertThat(tomorrowInPagoPago.json().get("fields").get("date").asText()).contains("Pacific/Pago_Pago");
        assertThat(RUNNING.host()
                        .as(pagoPagoUser, "GET", "/api/habits/" + pago, null)
                        .json()
                        .get("timeZone")
                        .asText())
                .isEqualTo("Pacific/Pago_Pago");
        assertThat(RUNNING.host()
                        .as(kiritimatiUser, "GET", "/api/habits/" + kiri + "/stats", null)
                        .json()
                        .get("today")
                        .asText())
                .isIn(kiriBefore.toString(), LocalDate.now(KIRITIMATI).toString());
    }

    @Test
    void itsHealthCheckIsReportedOnTheAdminPort() {
        Reply health = RUNNING.host()
                .send(HttpRequest.newBuilder(RUNNING.host().adminPortUri("/healthcheck"))
                        .GET());

        assertThat(health.json().get("plugin.habits.database").get("healthy").asBoolean())
                .isTrue();
    }
}
