package io.metacortex.host.modules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Users' choices per module in {@code metacortex.user_modules}: on or off (or no choice), and settings. */
public final class UserModuleStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, JsonNode>> SETTINGS = new TypeReference<>() {};

    /** A user's choice for one module; {@code enabled} is null when they did not choose. */
    public record Choice(Boolean enabled, Map<String, JsonNode> settings) {

        static final Choice NONE = new Choice(null, Map.of());
    }

    private final Jdbi jdbi;

    public UserModuleStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return plugin id to the user's choice, for every module they chose something for */
    public Map<String, Choice> load(UUID userId) {
        Map<String, Choice> choices = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT plugin_id, enabled, settings::text AS settings"
                        + " FROM metacortex.user_modules WHERE user_id = :user")
                .bind("user", userId)
                .map((rs, ctx) -> {
                    Boolean enabled = rs.getObject("enabled", Boolean.class);
                    return Map.entry(rs.getString("plugin_id"), new Choice(enabled, parse(rs.getString("settings"))));
                })
                .forEach(e -> choices.put(e.getKey(), e.getValue())));
        return Map.copyOf(choices);
    }

    /**
     * Records a change in one statement: {@code enabled} when {@code enabledGiven}, and the settings merged with the
     * stored ones, a null value removing the setting (it returns to its default).
     */
    public void update(
            UUID userId,
            String pluginId,
            boolean enabledGiven,
            Boolean enabled,
            Map<String, Object> settings,
            Instant now) {
        Map<String, Object> set = new LinkedHashMap<>();
        settings.forEach((name, value) -> {
            if (value != null) {
                set.put(name, value);
            }
        });
        String[] reset = settings.entrySet().stream()
                .filter(e -> e.getValue() == null)
                .map(Map.Entry::getKey)
                .toArray(String[]::new);
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO metacortex.user_modules (user_id, plugin_id, enabled, settings, updated_at)
                        VALUES (:user, :plugin, :enabled, CAST(:set AS JSONB), :now)
                        ON CONFLICT (user_id, plugin_id) DO UPDATE SET
                            enabled = CASE WHEN :enabledGiven THEN EXCLUDED.enabled ELSE user_modules.enabled END,
                            settings = (user_modules.settings || EXCLUDED.settings) - CAST(:reset AS TEXT[]),
                            updated_at = EXCLUDED.updated_at
                        """)
                .bind("user", userId)
                .bind("plugin", pluginId)
                .bindByType("enabled", enabledGiven ? enabled : null, Boolean.class)
                .bind("enabledGiven", enabledGiven)
                .bind("set", write(set))
                .bind("reset", reset)
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .execute());
    }

    private static Map<String, JsonNode> parse(String settings) {
        try {
            return settings == null ? Map.of() : JSON.readValue(settings, SETTINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metacortex.user_modules.settings is not a JSON object", e);
        }
    }

    private static String write(Map<String, Object> settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
