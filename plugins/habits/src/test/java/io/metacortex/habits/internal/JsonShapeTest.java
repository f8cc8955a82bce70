package io.metacortex.habits.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.metacortex.plugin.testing.PluginObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The JSON the routes read and write, through an ObjectMapper configured as the host's per-plugin one. */
class JsonShapeTest {

    private final ObjectMapper mapper = PluginObjectMapper.create();

    private JsonNode json(Object value) throws Exception {
        return mapper.readTree(mapper.writeValueAsString(value));
    }

    @Test
    void aHabitIsWrittenWithEveryFieldAndPlainNumbers() throws Exception {
        Habit habit = new Habit(
                7,
                "Water",
                Kind.MEASURABLE,
                new BigDecimal("8"),
                "glasses",
                List.of("MO", "FR"),
                12L,
                false,
                "Europe/Berlin",
                Instant.parse("2026-11-26T10:00:00Z"),
                Instant.parse("2026-11-26T10:00:00Z"));

        JsonNode item = json(new HabitPage(List.of(habit), null)).get("items").get(0);

        assertThat(item.fieldNames())
                .toIterable()
                .containsExactly(
                        "id",
                        "name",
                        "kind",
                        "target",
                        "unit",
                        "days",
                        "taskId",
                        "archived",
                        "timeZone",
                        "createdAt",
                        "updatedAt");
        assertThat(mapper.writeValueAsString(item.get("target"))).isEqualTo("8");
        assertThat(item.get("kind").asText()).isEqualTo("MEASURABLE");
        assertThat(item.get("days").toString()).isEqualTo("[\"MO\",\"FR\"]");
        assertThat(item.get("createdAt").asText()).isEqualTo("2026-11-26T10:00:00Z");
    }

    @Test
    void checkInsStatsAndRestDaysUseIsoDates() throws Exception {
        CheckIn checkIn = new CheckIn(
                LocalDate.parse("2026-11-25"),
                new BigDecimal("2.5"),
                false,
                Instant.parse("2026-11-26T10:00:00Z"),
                Instant.parse("2026-11-26T10:00:00Z"));
        HabitStats stats = new HabitStats(
                LocalDate.parse("2026-10-28"),
                LocalDate.parse("2026-11-26"),
                LocalDate.parse("2026-11-26"),
                3,
                5,
                0.75,
                4,
                3,
                2);

        assertThat(mapper.writeValueAsString(new ItemList<>(List.of(checkIn))))
                .isEqualTo("{\"items\":[{\"date\":\"2026-11-25\",\"value\":2.5,\"done\":false,"
                        + "\"createdAt\":\"2026-11-26T10:00:00Z\",\"updatedAt\":\"2026-11-26T10:00:00Z\"}]}");
        assertThat(mapper.writeValueAsString(stats))
                .isEqualTo("{\"from\":\"2026-10-28\",\"to\":\"2026-11-26\","
                        + "\"today\":\"2026-11-26\",\"currentStreak\":3,\"longestStreak\":5,\"completionRate\":0.75,"
                        + "\"scheduledDays\":4,\"doneDays\":3,\"restDays\":2}");
        assertThat(mapper.writeValueAsString(new ItemList<>(List.of(LocalDate.parse("2026-12-24")))))
                .isEqualTo("{\"items\":[\"2026-12-24\"]}");
    }

    @Test
    void numbersAreReadAsNumbersAndBadValuesReachTheValidator() throws Exception {
        HabitRequest habit = mapper.readValue("""
                {"name": "Water", "kind": "measurable", "target": 8, "unit": "glasses", "days": ["MO", "we"],
                 "taskId": 12, "archived": false, "id": 5, "timeZone": "UTC"}""", HabitRequest.class);
        HabitRequest bad =
                mapper.readValue("{\"name\": \"x\", \"kind\": \"DAILY\", \"target\": -1}", HabitRequest.class);
        CheckInRequest checkIn = mapper.readValue("{\"date\": \"2026-11-25\", \"value\": 2.50}", CheckInRequest.class);
        CheckInRequest empty = mapper.readValue("{}", CheckInRequest.class);

        assertThat(habit)
                .isEqualTo(new HabitRequest(
                        "Water", "measurable", new BigDecimal("8"), "glasses", List.of("MO", "we"), 12L, false));
        assertThat(bad).isEqualTo(new HabitRequest("x", "DAILY", new BigDecimal("-1"), null, null, null, null));
        assertThat(checkIn).isEqualTo(new CheckInRequest("2026-11-25", new BigDecimal("2.50")));
        assertThat(empty).isEqualTo(new CheckInRequest(null, null));
    }

    @Test
    void aValueOfTheWrongJsonTypeIsRefusedNamingItsField() {
        assertThat(refused("{\"name\": 5}", HabitRequest.class)).isEqualTo("name");
        assertThat(refused("{\"name\": \"x\", \"kind\": 3}", HabitRequest.class))
                .isEqualTo("kind");
        assertThat(refused("{\"name\": \"x\", \"target\": \"8\"}", HabitRequest.class))
                .isEqualTo("target");
        assertThat(refused("{\"name\": \"x\", \"days\": \"MO\"}", HabitRequest.class))
                .isEqualTo("days");
        assertThat(refused("{\"name\": \"x\", \"days\": [\"MO\", 2]}", HabitRequest.class))
                .isEqualTo("days.1");
        assertThat(refused("{\"name\": \"x\", \"archived\": \"yes\"}", HabitRequest.class))
                .isEqualTo("archived");
        assertThat(refused("{\"value\": \"much\"}", CheckInRequest.class)).isEqualTo("value");
        assertThat(refused("{\"date\": 20261125}", CheckInRequest.class)).isEqualTo("date");
    }

    /** @return the path of the field the mapper refused, its members and indexes joined by dots */
    private String refused(String json, Class<?> type) {
        MismatchedInputException e =
                catchThrowableOfType(MismatchedInputException.class, () -> mapper.readValue(json, type));
        assertThat(e).as(json).isNotNull();
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("."));
    }
}
