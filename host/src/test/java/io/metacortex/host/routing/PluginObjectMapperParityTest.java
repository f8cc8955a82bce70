package io.metacortex.host.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.metacortex.host.config.HttpSettings;
import io.metacortex.plugin.testing.PluginObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Plugin authors test their JSON with metacortex-plugin-testing's {@link PluginObjectMapper}, which cannot depend on
 * the host: it must stay a faithful copy of the host's per-plugin mapper, in its configuration and in what it reads.
 */
class PluginObjectMapperParityTest {

    private final ObjectMapper host =
            PluginContainerFactory.pluginObjectMapper(new HttpSettings().getMaxJsonNestingDepth());
    private final ObjectMapper kit = PluginObjectMapper.create();

    enum Level {
        LOW,
        HIGH
    }

    record Inner(String name, long count) {}

    record Sample(
            String text,
            int number,
            Long id,
            double ratio,
            BigDecimal amount,
            boolean on,
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

    @Test
    void bothAreConfiguredAlike() {
        DeserializationConfig hostConfig = host.getDeserializationConfig();
        DeserializationConfig kitConfig = kit.getDeserializationConfig();

        assertThat(kit.getRegisteredModuleIds()).isEqualTo(host.getRegisteredModuleIds());
        assertThat(kitConfig.getDeserializationFeatures()).isEqualTo(hostConfig.getDeserializationFeatures());
        assertThat(kit.getSerializationConfig().getSerializationFeatures())
                .isEqualTo(host.getSerializationConfig().getSerializationFeatures());
        for (MapperFeature feature : MapperFeature.values()) {
            assertThat(kit.isEnabled(feature)).as(feature.name()).isEqualTo(host.isEnabled(feature));
        }
        for (LogicalType type : LogicalType.values()) {
            for (CoercionInputShape shape : CoercionInputShape.values()) {
                assertThat(kitConfig.findCoercionAction(type, null, shape))
                        .as(type + " from " + shape)
                        .isEqualTo(hostConfig.findCoercionAction(type, null, shape));
            }
        }
        assertThat(limits(kit.getFactory().streamReadConstraints()))
                .isEqualTo(limits(host.getFactory().streamReadConstraints()));
        assertThat(PluginObjectMapper.MAX_NESTING_DEPTH).isEqualTo(new HttpSettings().getMaxJsonNestingDepth());
    }

    @Test
    void bothReadTheSameBodiesTheSameWay() {
        List<String> bodies = List.of(
                """
                {"text": "t", "number": 1, "id": 2, "ratio": 1, "amount": 2.50, "on": true, "flag": false,
                 "level": "HIGH", "tags": ["a"], "ids": [1, 2], "settings": {"goal": 5, "unit": "km"},
                 "inner": {"name": "n", "count": 3}, "inners": [{"name": "m", "count": 4}],
                 "at": "2026-12-06T10:15:30Z", "offset": "2026-12-06T10:15:30+01:00", "day": "2026-12-06",
                 "maybe": "x", "unknown": {"deep": [1, 2, 3]}}""",
                "{}",
                "{\"text\": null, \"id\": null, \"maybe\": null}",
                "{\"text\": 5}",
                "{\"text\": false}",
                "{\"text\": [\"a\"]}",
                "{\"number\": \"1\"}",
                "{\"number\": 1.5}",
                "{\"number\": null}",
                "{\"number\": 3000000000}",
                "{\"id\": \"7\"}",
                "{\"ratio\": \"0.5\"}",
                "{\"amount\": \"8\"}",
                "{\"on\": \"true\"}",
                "{\"on\": 1}",
                "{\"flag\": \"yes\"}",
                "{\"level\": 1}",
                "{\"level\": \"1\"}",
                "{\"level\": \"low\"}",
                "{\"level\": \"URGENT\"}",
                "{\"tags\": \"a\"}",
                "{\"tags\": [1]}",
                "{\"ids\": [\"1\"]}",
                "{\"ids\": 1}",
                "{\"settings\": []}",
                "{\"inner\": {\"name\": 1}}",
                "{\"inner\": 1}",
                "{\"inners\": [{}, {\"count\": \"x\"}]}",
                "{\"at\": 1700000000}",
                "{\"at\": \"1700000000\"}",
                "{\"at\": \"tomorrow\"}",
                "{\"offset\": 1.5}",
                "{\"day\": 20261206}",
                "{\"day\": [2026, 12, 6]}",
                "{\"day\": \"\"}",
                "{\"maybe\": 3}",
                "[]",
                "\"x\"",
                "{\"text\": ",
                "{\"x\": " + "[".repeat(70) + "]".repeat(70) + "}");

        for (String body : bodies) {
            assertThat(outcome(kit, body)).as(body).isEqualTo(outcome(host, body));
        }
        assertThat(outcome(host, bodies.get(0))).startsWith("read ");
        assertThat(outcome(host, "{\"text\": 5}")).isEqualTo("InvalidFormatException at text (String)");
    }

    /** @return what reading {@code json} gives: the value read, or the kind of failure and where */
    private static String outcome(ObjectMapper mapper, String json) {
        try {
            return "read " + mapper.readValue(json, Sample.class);
        } catch (MismatchedInputException e) {
            return e.getClass().getSimpleName() + " at " + path(e) + " ("
                    + (e.getTargetType() == null ? "?" : e.getTargetType().getSimpleName()) + ")";
        } catch (JsonMappingException e) {
            return e.getClass().getSimpleName() + " at " + path(e);
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static List<Long> limits(StreamReadConstraints constraints) {
        return List.of(
                (long) constraints.getMaxNestingDepth(),
                (long) constraints.getMaxNumberLength(),
                (long) constraints.getMaxStringLength(),
                (long) constraints.getMaxNameLength(),
                constraints.getMaxDocumentLength(),
                constraints.getMaxTokenCount());
    }
}
