package io.metacortex.host.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing a plugin's settings schema, and checking users' values against it. */
class SettingsSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SettingsSchema SAMPLE = schema("""
            {"dailyGoal": {"type": "integer", "default": 3, "minimum": 1, "maximum": 50},
             "ratio": {"type": "number", "default": 0.5, "minimum": 0, "maximum": 1},
             "units": {"type": "string", "enum": ["metric", "imperial"], "default": "metric"},
             "nickname": {"type": "string", "default": "", "maxLength": 5},
             "reminders": {"type": "boolean", "default": true}}""");

    @Test
    void defaultsAreTypedJavaValuesInDeclarationOrder() {
        assertThat(SAMPLE.effective(Map.of()))
                .containsExactly(
                        Map.entry("dailyGoal", 3L),
                        Map.entry("ratio", 0.5),
                        Map.entry("units", "metric"),
                        Map.entry("nickname", ""),
                        Map.entry("reminders", true));
        assertThat(SAMPLE.describe().get("dailyGoal"))
                .containsEntry("type", "integer")
                .containsEntry("default", 3L);
        assertThat(JSON.valueToTree(SAMPLE.describe().get("dailyGoal")).toString())
                .isEqualTo("{\"type\":\"integer\",\"default\":3,\"minimum\":1,\"maximum\":50}");
    }

    @Test
    void checksEveryChangeAndNamesTheField() {
        Map<String, Object> accepted = new HashMap<>();
        Map<String, String> problems = SAMPLE.check(json("""
                {"dailyGoal": 51, "ratio": "high", "units": "furlongs", "nickname": "abcdef", "reminders": 1,
                 "colour": "red"}"""), "settings.", accepted);

        assertThat(problems)
                .containsExactly(
                        Map.entry(
                                "settings.colour",
                                "unknown setting; the settings are dailyGoal, nickname, ratio," + " reminders, units"),
                        Map.entry("settings.dailyGoal", "must be at most 50"),
                        Map.entry("settings.nickname", "must be at most 5 characters"),
                        Map.entry("settings.ratio", "must be a number"),
                        Map.entry("settings.reminders", "must be true or false"),
                        Map.entry("settings.units", "must be one of metric, imperial"));
        assertThat(SAMPLE.check(json("{\"dailyGoal\": 0}"), "", accepted))
                .containsExactly(Map.entry("dailyGoal", "must be at least 1"));
        assertThat(SAMPLE.check(json("{\"dailyGoal\": 2.5}"), "", accepted))
                .containsExactly(Map.entry("dailyGoal", "must be a whole number"));
    }

    @Test
    void acceptsValidValuesAndNullsAsResets() {
        Map<String, Object> accepted = new HashMap<>();
        assertThat(SAMPLE.check(json("{\"dailyGoal\": 50, \"ratio\": 1, \"units\": null}"), "", accepted))
                .isEmpty();
        assertThat(accepted)
                .containsEntry("dailyGoal", 50L)
                .containsEntry("ratio", 1.0)
                .containsEntry("units", null);
    }

    @Test
    void storedValuesTheSchemaNoLongerAcceptsFallBackToTheDefault() {
        Map<String, JsonNode> stored = Map.of(
                "dailyGoal", JSON.valueToTree(80), "units", JSON.valueToTree("imperial"), "gone", JSON.valueToTree(1));
        assertThat(SAMPLE.effective(stored))
                .containsEntry("dailyGoal", 3L)
                .containsEntry("units", "imperial")
                .doesNotContainKey("gone");
    }

    @Test
    void refusesSchemasThatCannotBeUsedNamingTheSetting() {
        assertRefused("{\"a\": ", "is not valid JSON");
        assertRefused("[1]", "must be a JSON object");
        assertRefused("{\"goal\": {\"type\": \"int\", \"default\": 3}}", "Setting 'goal'", "unknown type \"int\"");
        assertRefused("{\"goal\": {\"type\": \"integer\"}}", "Setting 'goal'", "no \"default\"");
        assertRefused(
                "{\"goal\": {\"type\": \"integer\", \"default\": \"3\"}}",
                "Setting 'goal'",
                "the default \"3\" is invalid: it must be a whole number");
        assertRefused(
                "{\"goal\": {\"type\": \"integer\", \"default\": 0, \"minimum\": 1}}",
                "Setting 'goal'",
                "the default 0 is invalid: it must be at least 1");
        assertRefused(
                "{\"units\": {\"type\": \"string\", \"default\": \"x\", \"enum\": [\"a\", \"b\"]}}",
                "Setting 'units'",
                "must be one of a, b");
        assertRefused(
                "{\"units\": {\"type\": \"string\", \"default\": \"a\", \"enum\": [\"a\", 2]}}",
                "Setting 'units'",
                "an \"enum\" value 2 is invalid");
        assertRefused(
                "{\"goal\": {\"type\": \"integer\", \"default\": 3, \"minimun\": 1}}",
                "Setting 'goal'",
                "unknown keyword \"minimun\"");
        assertRefused(
                "{\"goal\": {\"type\": \"integer\", \"default\": 3, \"minimum\": 5, \"maximum\": 1}}",
                "Setting 'goal'",
                "above");
        assertRefused(
                "{\"on\": {\"type\": \"boolean\", \"default\": true, \"maximum\": 1}}",
                "Setting 'on'",
                "integer and number settings only");
    }

    private static void assertRefused(String schema, String... messageParts) {
        assertThatThrownBy(() -> schema(schema))
                .isInstanceOf(SettingsSchemaException.class)
                .hasMessageContainingAll(messageParts);
    }

    private static SettingsSchema schema(String json) {
        return SettingsSchema.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
