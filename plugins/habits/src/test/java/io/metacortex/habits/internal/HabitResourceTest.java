package io.metacortex.habits.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.metacortex.habits.HabitsPlugin;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.support.DatabaseHealthCheck;
import io.metacortex.plugin.support.PageQuery;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestUriInfo;
import io.metacortex.plugin.testing.TestUsers;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The habit routes called as methods, on a real database: status codes, headers, error bodies, what is stored. */
class HabitResourceTest {

    private static final String NOW = "2026-11-26T23:30:00Z";

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("habits", HabitsPlugin.class);

    private static final HabitResource resource = HabitsHarness.resource(DB, new SettableClock(NOW));

    static HabitRequest yesNo(String name) {
        return new HabitRequest(name, "YES_NO", null, null, null, null, null);
    }

    static HabitRequest measurable(String name, String target, String unit) {
        return new HabitRequest(
                name, "MEASURABLE", target == null ? null : new BigDecimal(target), unit, null, null, null);
    }

    private static Habit create(HabitRequest request) {
        return (Habit) resource.create(ALICE, request, TestUriInfo.at("http://localhost/api/habits"))
                .getEntity();
    }

    @Test
    void createAnswers201WithTheNormalisedHabitAndItsLocation() {
        Response response = resource.create(
                ALICE,
                new HabitRequest(
                        " Drink water ",
                        "measurable",
                        new BigDecimal("8.50"),
                        " glasses ",
                        List.of("fr", "MO", "we", "MO"),
                        12L,
                        null),
                TestUriInfo.at("http://localhost/api/habits"));

        Habit habit = (Habit) response.getEntity();
        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getLocation()).isEqualTo(URI.create("http://localhost/api/habits/" + habit.id()));
        assertThat(habit)
                .extracting(
                        Habit::name,
                        Habit::kind,
                        Habit::target,
                        Habit::unit,
                        Habit::days,
                        Habit::taskId,
                        Habit::archived,
                        Habit::timeZone,
                        Habit::createdAt)
                .containsExactly(
                        "Drink water",
                        Kind.MEASURABLE,
                        new BigDecimal("8.5"),
                        "glasses",
                        List.of("MO", "WE", "FR"),
                        12L,
                        false,
                        "UTC",
                        Instant.parse(NOW));
        assertThat(resource.get(ALICE, Long.toString(habit.id()))).isEqualTo(habit);
    }

    @Test
    void aYesNoHabitDefaultsToEveryDayAndTakesTheCallersTimeZone() {
        Habit habit = (Habit) resource.create(
                        TestUsers.inZone(ALICE, "Pacific/Auckland"),
                        new HabitRequest("Meditate", null, null, null, List.of(), null, null),
                        TestUriInfo.at("http://x/"))
                .getEntity();

        assertThat(habit)
                .extracting(Habit::kind, Habit::target, Habit::unit, Habit::days, Habit::timeZone)
                .containsExactly(Kind.YES_NO, null, null, List.of(), "Pacific/Auckland");
    }

    @Test
    void invalidHabitsAre422NamingEveryFieldAndStoreNothing() {
        ApiError missingForMeasurable =
                failsWith(422, () -> resource.create(ALICE, measurable(" ", null, null), TestUriInfo.at("http://x/")));
        ApiError refusedForYesNo = failsWith(
                422,
                () -> resource.create(
                        ALICE,
                        new HabitRequest("x", "YES_NO", BigDecimal.ONE, "glasses", List.of("MO", "XX"), -3L, null),
                        TestUriInfo.at("http://x/")));
        ApiError badValues = failsWith(
                422,
                () -> resource.create(
                        ALICE,
                        new HabitRequest("x".repeat(101), "DAILY", null, null, null, null, null),
                        TestUriInfo.at("http://x/")));
        ApiError badTarget = failsWith(
                422, () -> resource.create(ALICE, measurable("x", "0", "u".repeat(31)), TestUriInfo.at("http://x/")));
        ApiError missing = failsWith(422, () -> resource.create(ALICE, null, TestUriInfo.at("http://x/")));

        assertThat(missingForMeasurable.fields())
                .containsExactly(
                        entry("name", "must not be blank"),
                        entry("target", "is required for a MEASURABLE habit"),
                        entry("unit", "is required for a MEASURABLE habit"));
        assertThat(refusedForYesNo.fields())
                .containsExactly(
                        entry("target", "must be absent for a YES_NO habit"),
                        entry("unit", "must be absent for a YES_NO habit"),
                        entry("days", Weekdays.MESSAGE),
                        entry("taskId", "no task with id -3"));
        assertThat(badValues.fields())
                .containsExactly(
                        entry("name", "must be at most 100 characters"),
                        entry("kind", "must be one of YES_NO, MEASURABLE"));
        assertThat(badTarget.fields()).containsOnlyKeys("target", "unit");
        assertThat(failsWith(
                                422,
                                () -> resource.create(
                                        ALICE, measurable("x", "1.0005", "u"), TestUriInfo.at("http://x/")))
                        .fields())
                .containsOnlyKeys("target");
        assertThat(missing.detail()).contains("JSON body");
        assertThat(DB.count("habits")).isZero();
    }

    @Test
    void putReplacesEveryFieldWithDefaultsForAbsentOnesAndKeepsCreatedAt() {
        Habit habit = create(
                new HabitRequest("Water", "MEASURABLE", BigDecimal.valueOf(8), "glasses", List.of("MO"), 4L, false));

        Habit replaced = resource.replace(
                TestUsers.inZone(ALICE, "Europe/Berlin"),
                Long.toString(habit.id()),
                new HabitRequest("Read", null, null, null, null, null, true));

        assertThat(replaced)
                .extracting(
                        Habit::id,
                        Habit::name,
                        Habit::kind,
                        Habit::target,
                        Habit::unit,
                        Habit::days,
                        Habit::taskId,
                        Habit::archived,
                        Habit::timeZone,
                        Habit::createdAt)
                .containsExactly(
                        habit.id(),
                        "Read",
                        Kind.YES_NO,
                        null,
                        null,
                        List.of(),
                        null,
                        true,
                        "Europe/Berlin",
                        habit.createdAt());
    }

    @Test
    void putAnswers404ForAnUnknownHabitAnd422ForInvalidFieldsAndChangesNothing() {
        Habit habit = create(yesNo("Read"));

        failsWith(404, () -> resource.replace(ALICE, "999", yesNo("x")));
        failsWith(404, () -> resource.replace(ALICE, "x", yesNo("x")));
        assertThat(failsWith(
                                422,
                                () -> resource.replace(
                                        ALICE, Long.toString(habit.id()), measurable("Read", null, "pages")))
                        .fields())
                .containsOnlyKeys("target");

        assertThat(resource.get(ALICE, Long.toString(habit.id()))).isEqualTo(habit);
    }

    @Test
    void getAnswers404ForUnknownAndMalformedIds() {
        assertThat(failsWith(404, () -> resource.get(ALICE, "42")))
                .isEqualTo(new ApiError("habit not found", "no habit with id 42", null));
        assertThat(failsWith(404, () -> resource.get(ALICE, "abc")).detail()).isEqualTo("no habit with id abc");
        assertThat(failsWith(404, () -> resource.get(ALICE, "0")).detail()).isEqualTo("no habit with id 0");
        assertThat(failsWith(404, () -> resource.get(ALICE, "9".repeat(100))).detail())
                .hasSizeLessThan(70);
    }

    @Test
    void deleteRemovesTheHabitWithItsCheckInsAndRestDays() {
        Habit habit = create(yesNo("Read"));
        String id = Long.toString(habit.id());
        resource.checkIn(ALICE, id, null, TestUriInfo.at("http://x/"));
        resource.markRestDay(ALICE, id, "2026-11-28");

        resource.delete(ALICE, id);

        failsWith(404, () -> resource.get(ALICE, id));
        failsWith(404, () -> resource.delete(ALICE, id));
        assertThat(DB.count("check_ins")).isZero();
        assertThat(DB.count("rest_days")).isZero();
    }

    @Test
    void listFiltersByArchivedAndKindAndPages() {
        Habit water = create(measurable("Water", "8", "glasses"));
        Habit read = create(yesNo("Read"));
        Habit old = create(new HabitRequest("Old", null, null, null, null, null, true));
        Habit run = create(measurable("Run", "5", "km"));

        HabitPage first = resource.list(ALICE, "false", null, PageQuery.of("2", null));
        HabitPage second = resource.list(ALICE, "false", null, PageQuery.of("2", first.nextCursor()));

        assertThat(first.items()).containsExactly(water, read);
        assertThat(second.items()).containsExactly(run);
        assertThat(second.nextCursor()).isNull();
        assertThat(resource.list(ALICE, "true", null, PageQuery.of(null, null)).items())
                .containsExactly(old);
        assertThat(resource.list(ALICE, null, List.of("measurable"), PageQuery.of(null, null))
                        .items())
                .containsExactly(water, run);
        assertThat(resource.list(ALICE, null, List.of("YES_NO"), PageQuery.of(null, null))
                        .items())
                .containsExactly(read, old);
        assertThat(resource.list(ALICE, null, null, PageQuery.of(null, null)).items())
                .hasSize(4);
    }

    @Test
    void listRejectsBadParametersWith400NamingEach() {
        ApiError error =
                failsWith(400, () -> resource.list(ALICE, "maybe", List.of("DAILY"), PageQuery.of("0", "nope")));

        assertThat(error.error()).isEqualTo("invalid query parameter");
        assertThat(error.fields()).containsOnlyKeys("archived", "kind", "limit", "cursor");
    }

    @Test
    void anotherUsersHabitAnswers404OnEveryRouteAndStaysUnchanged() {
        Habit habit = create(measurable("Water", "8", "glasses"));
        String id = Long.toString(habit.id());
        resource.checkIn(ALICE, id, null, TestUriInfo.at("http://x/"));

        ApiError read = failsWith(404, () -> resource.get(BOB, id));
        failsWith(404, () -> resource.replace(BOB, id, yesNo("taken over")));
        failsWith(404, () -> resource.delete(BOB, id));
        failsWith(404, () -> resource.checkIn(BOB, id, null, TestUriInfo.at("http://x/")));
        failsWith(404, () -> resource.checkIns(BOB, id, null, null));
        failsWith(404, () -> resource.undoCheckIn(BOB, id, "2026-11-26"));
        failsWith(404, () -> resource.markRestDay(BOB, id, "2026-11-27"));
        failsWith(404, () -> resource.unmarkRestDay(BOB, id, "2026-11-27"));
        failsWith(404, () -> resource.restDays(BOB, id, null, null));
        failsWith(404, () -> resource.stats(BOB, id, null, null));

        assertThat(read).isEqualTo(new ApiError("habit not found", "no habit with id " + id, null));
        assertThat(resource.list(BOB, null, null, PageQuery.of(null, null)).items())
                .isEmpty();
        assertThat(resource.get(ALICE, id)).isEqualTo(habit);
        assertThat(resource.checkIns(ALICE, id, null, null).items()).hasSize(1);
        assertThat(DB.count("rest_days")).isZero();
    }

    @Test
    void theMapperAnswersWithTheCarriedResponse() {
        Response response = new ApiExceptionMapper().toResponse(HabitErrors.habitNotFound("7"));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType().toString()).isEqualTo("application/json");
        assertThat(response.getEntity()).isEqualTo(new ApiError("habit not found", "no habit with id 7", null));
    }

    @Test
    void theHealthCheckFindsTheTable() {
        assertThat(new DatabaseHealthCheck(DB.jdbi(), "habits").execute().isHealthy())
                .isTrue();
    }
}
