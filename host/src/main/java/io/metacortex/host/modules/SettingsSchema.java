package io.metacortex.host.modules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metacortex.plugin.api.PluginManifest;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The per-user settings a plugin declares in {@value PluginManifest#SETTINGS_SCHEMA_PATH}: parsed and checked when
 * the bundle is read, then used to validate users' choices and to overlay them on the defaults.
 */
public final class SettingsSchema {

    /** The schema of a plugin that declares no settings. */
    public static final SettingsSchema NONE = new SettingsSchema(Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> KEYWORDS =
            Set.of("type", "default", "enum", "minimum", "maximum", "maxLength", "description");

    private final Map<String, Setting> settings;

    private SettingsSchema(Map<String, Setting> settings) {
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * @throws SettingsSchemaException when the file is not JSON, or a setting's definition or default is invalid;
     *     the message names the setting
     */
    public static SettingsSchema parse(byte[] file) {
        JsonNode root;
        try {
            root = JSON.readTree(file);
        } catch (JsonProcessingException e) {
            throw new SettingsSchemaException(PluginManifest.SETTINGS_SCHEMA_PATH + " is not valid JSON: "
                    + e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new SettingsSchemaException(PluginManifest.SETTINGS_SCHEMA_PATH + " cannot be read.");
        }
        if (root == null || !root.isObject()) {
            throw new SettingsSchemaException(PluginManifest.SETTINGS_SCHEMA_PATH + " must be a JSON object of"
                    + " setting name to definition, e.g. {\"dailyGoal\": {\"type\": \"integer\", \"default\": 3}}.");
        }
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            settings.put(entry.getKey(), definition(entry.getKey(), entry.getValue()));
        }
        return new SettingsSchema(settings);
    }

    private static Setting definition(String name, JsonNode node) {
        if (!NAME.matcher(name).matches()) {
            throw invalid(
                    name,
                    "the name must start with a letter and have at most 64 letters, digits, '_', '-'" + " or '.'");
        }
        if (!node.isObject()) {
            throw invalid(name, "the definition must be an object with \"type\" and \"default\"");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYWORDS.contains(key)) {
                throw invalid(
                        name,
                        "unknown keyword \"" + key + "\"; known are "
                                + String.join(", ", KEYWORDS.stream().sorted().toList()));
            }
        }
        Setting.Type type = type(name, node.get("type"));
        List<Object> allowed = null;
        if (node.has("enum")) {
            JsonNode values = node.get("enum");
            if (!values.isArray() || values.isEmpty()) {
                throw invalid(name, "\"enum\" must be a non-empty array");
            }
            allowed = new ArrayList<>();
            for (JsonNode value : values) {
                allowed.add(value(name, "an \"enum\" value", type, value));
            }
            allowed = List.copyOf(allowed);
        }
        BigDecimal minimum = bound(name, node, "minimum", type);
        BigDecimal maximum = bound(name, node, "maximum", type);
        if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
            throw invalid(
                    name,
                    "\"minimum\" " + minimum.toPlainString() + " is above \"maximum\" " + maximum.toPlainString());
        }
        Integer maxLength = null;
        if (node.has("maxLength")) {
            JsonNode length = node.get("maxLength");
            if (type != Setting.Type.STRING) {
                throw invalid(name, "\"maxLength\" applies to strings only");
            }
            if (!length.isIntegralNumber() || !length.canConvertToInt() || length.intValue() < 0) {
                throw invalid(name, "\"maxLength\" must be a non-negative integer");
            }
            maxLength = length.intValue();
        }
        String description = null;
        if (node.has("description")) {
            if (!node.get("description").isTextual()) {
                throw invalid(name, "\"description\" must be a string");
            }
            description = node.get("description").textValue();
        }
        if (!node.has("default")) {
            throw invalid(name, "it has no \"default\"");
        }
        Setting setting = new Setting(type, null, allowed, minimum, maximum, maxLength, description);
        Object defaultValue;
        try {
            defaultValue = setting.accept(node.get("default"));
        } catch (Setting.Refused e) {
            throw invalid(name, "the default " + node.get("default") + " is invalid: it " + e.getMessage());
        }
        return new Setting(type, defaultValue, allowed, minimum, maximum, maxLength, description);
    }

    private static Setting.Type type(String name, JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw invalid(name, "\"type\" must be one of string, integer, number, boolean");
        }
        try {
            return Setting.Type.valueOf(node.textValue().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(name, "unknown type \"" + node.textValue() + "\"; use string, integer, number or boolean");
        }
    }

    private static Object value(String name, String what, Setting.Type type, JsonNode value) {
        try {
            return Setting.convert(type, value);
        } catch (Setting.Refused e) {
            throw invalid(name, what + " " + value + " is invalid: it " + e.getMessage());
        }
    }

    private static BigDecimal bound(String name, JsonNode node, String keyword, Setting.Type type) {
        if (!node.has(keyword)) {
            return null;
        }
        if (type != Setting.Type.INTEGER && type != Setting.Type.NUMBER) {
            throw invalid(name, "\"" + keyword + "\" applies to integer and number settings only");
        }
        JsonNode bound = node.get(keyword);
        if (!bound.isNumber()) {
            throw invalid(name, "\"" + keyword + "\" must be a number");
        }
        return bound.decimalValue();
    }

    private static SettingsSchemaException invalid(String name, String problem) {
        return new SettingsSchemaException(
                "Setting '" + name + "' in " + PluginManifest.SETTINGS_SCHEMA_PATH + ": " + problem + ".");
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    public Map<String, Setting> settings() {
        return settings;
    }

    /** @return the defaults overlaid with the stored choices that this schema still accepts */
    public Map<String, Object> effective(Map<String, JsonNode> stored) {
        Map<String, Object> effective = new LinkedHashMap<>();
        settings.forEach((name, setting) -> {
            Object value = setting.defaultValue();
            JsonNode chosen = stored.get(name);
            if (chosen != null && !chosen.isNull()) {
                try {
                    value = setting.accept(chosen);
                } catch (Setting.Refused e) {
                    // chosen under an earlier version's schema: the default applies until the user chooses again
                }
            }
            effective.put(name, value);
        });
        return Collections.unmodifiableMap(effective);
    }

    /**
     * Checks a user's changes: each must name a setting and be a valid value, or null to return to the default.
     *
     * @param accepted receives the valid non-null values, converted, and null for each setting to reset
     * @return field ({@code <prefix><name>}) to message, empty when every change is valid
     */
    public Map<String, String> check(JsonNode changes, String prefix, Map<String, Object> accepted) {
        Map<String, String> problems = new TreeMap<>();
        for (Map.Entry<String, JsonNode> change : changes.properties()) {
            Setting setting = settings.get(change.getKey());
            if (setting == null) {
                problems.put(
                        prefix + change.getKey(),
                        settings.isEmpty()
                                ? "unknown setting: this module has none"
                                : "unknown setting; the settings are "
                                        + String.join(", ", new java.util.TreeSet<>(settings.keySet())));
            } else if (change.getValue().isNull()) {
                accepted.put(change.getKey(), null);
            } else {
                try {
                    accepted.put(change.getKey(), setting.accept(change.getValue()));
                } catch (Setting.Refused e) {
                    problems.put(prefix + change.getKey(), e.getMessage());
                }
            }
        }
        return problems;
    }

    /** @return setting name to its definition, as in the schema file */
    public Map<String, Map<String, Object>> describe() {
        Map<String, Map<String, Object>> described = new LinkedHashMap<>();
        settings.forEach((name, setting) -> described.put(name, setting.describe()));
        return described;
    }
}
