package io.metacortex.host.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.metacortex.host.routing.PluginContainerFactory;
import io.metacortex.plugin.support.json.PluginJson;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of JSON type mismatch, read by the plugins' mapper and by the host's own (Dropwizard's, made strict),
 * answered as a 422 naming the field in plain words; bodies that are not JSON as a 400 without Jackson's wording.
 */
class JsonProcessingExceptionMapperTest {

    private static final ObjectMapper PLUGIN_MAPPER = PluginContainerFactory.pluginObjectMapper(64);
    private static final ObjectMapper HOST_MAPPER = PluginJson.strict(Jackson.newObjectMapper());
    private static final ObjectMapper ERROR_JSON = new ObjectMapper();
    private static final String DATE_TIME = "must be a date-time such as 2026-12-06T10:15:30Z";
    private static final String DATE = "must be a date such as 2026-12-06";

    private final JsonProcessingExceptionMapper errors =
            new JsonProcessingExceptionMapper(new UnexpectedExceptionMapper("test"));

    enum Priority {
        LOW,
        MEDIUM,
        HIGH
    }

    record Item(String name, int quantity) {}

    record Body(
            String title,
            Integer count,
            int size,
            BigDecimal amount,
            Boolean flag,
            List<String> tags,
            Priority priority,
            Instant due,
            LocalDate day,
            ZoneId zone,
            UUID id,
            Map<String, Integer> settings,
            Item item,
            List<Item> items) {}

    /** Abstract: Jackson cannot make one. */
    abstract static class Shape {}

    static Stream<Arguments> mismatches() {
        return Stream.of(
                Arguments.of("{\"title\": 123}", "title", "must be a string"),
                Arguments.of("{\"title\": 1.5}", "title", "must be a string"),
                Arguments.of("{\"title\": true}", "title", "must be a string"),
                Arguments.of("{\"title\": {\"a\": 1}}", "title", "must be a string"),
                Arguments.of("{\"title\": [\"a\"]}", "title", "must be a string"),
                Arguments.of("{\"count\": \"1\"}", "count", "must be a whole number"),
                Arguments.of("{\"count\": \"\"}", "count", "must be a whole number"),
                Arguments.of("{\"count\": 1.5}", "count", "must be a whole number"),
                Arguments.of("{\"count\": true}", "count", "must be a whole number"),
                Arguments.of(
                        "{\"count\": 3000000000}",
                        "count",
                        "must be a whole number from -2147483648 to " + "2147483647"),
                Arguments.of("{\"size\": null}", "size", "must be a whole number"),
                Arguments.of("{\"title\": \"a primitive must be sent\"}", "size", "must be a whole number"),
                Arguments.of("{\"amount\": \"8\"}", "amount", "must be a number"),
                Arguments.of("{\"amount\": false}", "amount", "must be a number"),
                Arguments.of("{\"flag\": \"yes\"}", "flag", "must be true or false"),
                Arguments.of("{\"flag\": \"true\"}", "flag", "must be true or false"),
                Arguments.of("{\"flag\": 1}", "flag", "must be true or false"),
                Arguments.of("{\"tags\": \"home\"}", "tags", "must be a list"),
                Arguments.of("{\"tags\": {\"a\": \"b\"}}", "tags", "must be a list"),
                Arguments.of("{\"tags\": [\"home\", 5]}", "tags[1]", "must be a string"),
                Arguments.of("{\"priority\": \"URGENT\"}", "priority", "must be one of LOW, MEDIUM, HIGH"),
                Arguments.of("{\"priority\": 1}", "priority", "must be one of LOW, MEDIUM, HIGH"),
                Arguments.of("{\"priority\": \"1\"}", "priority", "must be one of LOW, MEDIUM, HIGH"),
                Arguments.of("{\"due\": \"tomorrow\"}", "due", DATE_TIME),
                Arguments.of("{\"due\": 1700000000}", "due", DATE_TIME),
                Arguments.of("{\"due\": \"1700000000\"}", "due", DATE_TIME),
                Arguments.of("{\"due\": true}", "due", DATE_TIME),
                Arguments.of("{\"day\": \"tomorrow\"}", "day", DATE),
                Arguments.of("{\"day\": 20261206}", "day", DATE),
                Arguments.of("{\"day\": [2026, 12, 6]}", "day", DATE),
                Arguments.of("{\"zone\": \"Mars/Olympus\"}", "zone", "must be a time zone such as Europe/Berlin"),
                Arguments.of("{\"id\": \"abc\"}", "id", "must be an id such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                Arguments.of("{\"settings\": {\"dailyGoal\": \"x\"}}", "settings.dailyGoal", "must be a whole number"),
                Arguments.of("{\"settings\": 5}", "settings", "must be an object"),
                Arguments.of("{\"item\": {\"name\": 5}}", "item.name", "must be a string"),
                Arguments.of("{\"item\": \"x\"}", "item", "must be an object"),
                Arguments.of(
                        "{\"items\": [{\"quantity\": 1}, {\"quantity\": \"2\"}]}",
                        "items[1].quantity",
                        "must be a whole number"),
                Arguments.of("[1]", "body", "must be an object"),
                Arguments.of("\"text\"", "body", "must be an object"));
    }

    @ParameterizedTest(name = "plugins: {0}")
    @MethodSource("mismatches")
    void aValueOfTheWrongTypeIs422NamingItsFieldForPlugins(String json, String field, String message) throws Exception {
        assertUnprocessable(PLUGIN_MAPPER, json, field, message);
    }

    @ParameterizedTest(name = "host: {0}")
    @MethodSource("mismatches")
    void aValueOfTheWrongTypeIs422NamingItsFieldForTheHostsOwnResources(String json, String field, String message)
            throws Exception {
        assertUnprocessable(HOST_MAPPER, json, field, message);
    }

    @Test
    void valuesOfTheRightTypeAreRead() throws Exception {
        String json = """
                {"title": "t", "count": 2, "size": 3, "amount": 8, "flag": true, "tags": ["a"], "priority": "HIGH",
                 "due": "2026-12-06T10:15:30Z", "day": "2026-12-06", "zone": "Europe/Berlin",
                 "id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "settings": {"dailyGoal": 5},
                 "item": {"name": "n", "quantity": 1}, "items": [{"quantity": 2}], "unknown": [1, {"x": "y"}]}""";
        Body expected = new Body(
                "t",
                2,
                3,
                new BigDecimal("8"),
                true,
                List.of("a"),
                Priority.HIGH,
                Instant.parse("2026-12-06T10:15:30Z"),
                LocalDate.parse("2026-12-06"),
                ZoneId.of("Europe/Berlin"),
                UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                Map.of("dailyGoal", 5),
                new Item("n", 1),
                List.of(new Item(null, 2)));

        assertThat(PLUGIN_MAPPER.readValue(json, Body.class)).isEqualTo(expected);
        assertThat(HOST_MAPPER.readValue(json, Body.class)).isEqualTo(expected);
        assertThat(PLUGIN_MAPPER
                        .readValue("{\"title\": null, \"tags\": null, \"size\": 0}", Body.class)
                        .title())
                .isNull();
    }

    @Test
    void aBodyThatIsNotJsonIs400WithItsPlaceAndNoParserWording() throws Exception {
        for (String json : List.of(
                "{\"title\": ",
                "not json",
                "{\"title\": \"x\",}",
                "{\"tags\": [\"a\",}",
                "{\"item\": {\"name\": \"x\" \"quantity\": 1}}")) {
            Response response = answer(PLUGIN_MAPPER, json);
            ErrorBody body = (ErrorBody) response.getEntity();

            assertThat(response.getStatus()).as(json).isEqualTo(400);
            assertThat(body.error()).isEqualTo("malformed request body");
            assertThat(body.detail()).as(json).startsWith("The request body is not valid JSON (at line 1, column ");
            assertPlain(body);
        }
    }

    @Test
    void aBodyNestedTooDeeplyIs400() throws Exception {
        String deep = "{\"title\": \"x\", \"unknown\": " + "[".repeat(100) + "]".repeat(100) + "}";

        Response response = answer(PLUGIN_MAPPER, deep);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(((ErrorBody) response.getEntity()).detail())
                .isEqualTo("The request body is over a limit on JSON: objects and arrays nest too deeply (nesting "
                        + "depth).");
    }

    @Test
    void aTypeJacksonCannotBuildIsTheServersFault() throws Exception {
        JsonProcessingException e = catchThrowableOfType(
                JsonProcessingException.class, () -> PLUGIN_MAPPER.readValue("{\"a\": \"x\"}", Shape.class));

        Response response = errors.toResponse(e);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(((ErrorBody) response.getEntity()).detail())
                .startsWith("The request failed in test; it has been" + " logged with id ");
    }

    private void assertUnprocessable(ObjectMapper mapper, String json, String field, String message) throws Exception {
        Response response = answer(mapper, json);
        ErrorBody body = (ErrorBody) response.getEntity();

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(body.error()).isEqualTo("validation failed");
        assertThat(body.fields()).containsExactly(Map.entry(field, message));
        assertPlain(body);
    }

    private Response answer(ObjectMapper mapper, String json) {
        JsonProcessingException e =
                catchThrowableOfType(JsonProcessingException.class, () -> mapper.readValue(json, Body.class));
        assertThat(e).as("refused: " + json).isNotNull();
        return errors.toResponse(e);
    }

    /** No Java type or package names, no Jackson wording. */
    private static void assertPlain(ErrorBody body) throws Exception {
        assertThat(ERROR_JSON.writeValueAsString(body))
                .doesNotContain(
                        "java",
                        "Integer",
                        "String",
                        "ArrayList",
                        "Cannot",
                        "`",
                        "Source",
                        "REDACTED",
                        "token",
                        "Body",
                        "io.metacortex");
    }
}
