package io.metacortex.plugin.support.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapper of plugins' routes: what it reads, and which mismatch it refuses at which field. */
class PluginJsonTest {

    private final ObjectMapper mapper = PluginJson.mapper(PluginJson.DEFAULT_MAX_NESTING_DEPTH);

    enum Level {
        LOW,
        HIGH
    }

    record Inner(String name, Long count) {}

    record Sample(
            String text,
            Long id,
            Double ratio,
            BigDecimal amount,
            Boolean flag,
            Level level,
            List<String> tags,
            List<Long> ids,
            Map<String, Object> settings,
            Inner inner,
            List<Inner> inners,
            Instant at,
            OffsetDateTime offset,
            LocalDate day,
            Optional<String> maybe) {}

    record Primitives(int number, boolean on) {}

    @Test
    void readsEveryJsonTypeIntoItsFieldAndIgnoresUnknownOnes() throws Exception {
        Sample sample = mapper.readValue("""
                {"text": "t", "id": 2, "ratio": 1, "amount": 2.50, "flag": false, "level": "HIGH",
                 "tags": ["a"], "ids": [1, 2], "settings": {"goal": 5, "unit": "km"},
                 "inner": {"name": "n", "count": 3}, "inners": [{"name": "m", "count": 4}],
                 "at": "2026-12-06T10:15:30Z", "offset": "2026-12-06T10:15:30+01:00", "day": "2026-12-06",
                 "maybe": "x", "unknown": {"deep": [1, 2, 3]}}""", Sample.class);

        assertThat(sample.text()).isEqualTo("t");
        assertThat(sample.ratio()).as("a whole number is a decimal").isEqualTo(1.0);
        assertThat(sample.amount()).isEqualByComparingTo("2.50");
        assertThat(sample.level()).isEqualTo(Level.HIGH);
        assertThat(sample.ids()).containsExactly(1L, 2L);
        assertThat(sample.settings()).containsEntry("goal", 5).containsEntry("unit", "km");
        assertThat(sample.inners()).containsExactly(new Inner("m", 4L));
        assertThat(sample.at()).isEqualTo(Instant.parse("2026-12-06T10:15:30Z"));
        assertThat(sample.day()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(sample.maybe()).contains("x");
        assertThat(mapper.readValue("{}", Sample.class).text()).isNull();
        assertThat(mapper.readValue("{\"number\": 3, \"on\": true}", Primitives.class))
                .isEqualTo(new Primitives(3, true));
    }

    @Test
    void writesDatesAsIsoText() throws Exception {
        assertThat(mapper.writeValueAsString(Map.of("at", Instant.parse("2026-12-06T10:15:30Z"))))
                .isEqualTo("{\"at\":\"2026-12-06T10:15:30Z\"}");
    }

    @ParameterizedTest(name = "{0} is refused at {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"text\": 5}                         | text",
                "{\"text\": false}                     | text",
                "{\"text\": [\"a\"]}                   | text",
                "{\"id\": \"7\"}                       | id",
                "{\"id\": 1.5}                         | id",
                "{\"ratio\": \"0.5\"}                  | ratio",
                "{\"amount\": \"8\"}                   | amount",
                "{\"flag\": \"yes\"}                   | flag",
                "{\"flag\": 1}                         | flag",
                "{\"level\": 1}                        | level",
                "{\"level\": \"low\"}                  | level",
                "{\"level\": \"URGENT\"}               | level",
                "{\"tags\": \"a\"}                     | tags",
                "{\"tags\": [1]}                       | tags.0",
                "{\"ids\": [\"1\"]}                    | ids.0",
                "{\"ids\": 1}                          | ids",
                "{\"settings\": []}                    | settings",
                "{\"inner\": {\"name\": 1}}            | inner.name",
                "{\"inner\": 1}                        | inner",
                "{\"inners\": [{}, {\"count\": \"x\"}]} | inners.1.count",
                "{\"at\": 1700000000}                  | at",
                "{\"at\": \"1700000000\"}              | at",
                "{\"at\": \"tomorrow\"}                | at",
                "{\"offset\": 1.5}                     | offset",
                "{\"day\": 20261206}                   | day",
                "{\"day\": [2026, 12, 6]}              | day",
                "{\"day\": \"\"}                       | day",
                "{\"maybe\": 3}                        | maybe",
                "[]                                    | ''",
                "\"x\"                                 | ''"
            })
    void aValueOfTheWrongJsonTypeIsAMismatchAtItsField(String body, String field) {
        assertThatThrownBy(() -> mapper.readValue(body, Sample.class))
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(path((JsonMappingException) e)).isEqualTo(field));
    }

    @ParameterizedTest(name = "{0} is refused at {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"number\": \"1\", \"on\": true}  | number",
                "{\"number\": 1.5, \"on\": true}    | number",
                "{\"number\": null, \"on\": true}   | number",
                "{\"number\": 3000000000}           | number",
                "{\"number\": 1, \"on\": \"true\"}  | on",
                "{\"number\": 1, \"on\": 1}         | on",
                "{\"number\": 1}                    | on"
            })
    void primitivesTakeNeitherTextNorNullNorAbsence(String body, String field) {
        assertThatThrownBy(() -> mapper.readValue(body, Primitives.class))
                .isInstanceOf(JsonMappingException.class)
                .satisfies(e -> assertThat(path((JsonMappingException) e)).isEqualTo(field));
    }

    @Test
    void brokenJsonIsAParseErrorAndTooDeepJsonBreaksTheLimit() {
        assertThatThrownBy(() -> mapper.readValue("{\"text\": ", Sample.class)).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"text\": tru}", Sample.class))
                .isInstanceOf(JsonParseException.class);
        String deep = "{\"x\": " + "[".repeat(70) + "]".repeat(70) + "}";
        assertThatThrownBy(() -> mapper.readValue(deep, Sample.class)).isInstanceOf(StreamConstraintsException.class);
        assertThat(PluginJson.mapper(100).getFactory().streamReadConstraints().getMaxNestingDepth())
                .isEqualTo(100);
    }

    @Test
    void strictRulesApplyToAnyMapperAndAreNamedAmongItsModules() {
        ObjectMapper plain = PluginJson.strict(new ObjectMapper());

        assertThatThrownBy(() -> plain.readValue("{\"id\": \"7\"}", Sample.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThat(plain.getRegisteredModuleIds()).contains(PluginJson.MODULE_NAME);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("."));
    }
}
