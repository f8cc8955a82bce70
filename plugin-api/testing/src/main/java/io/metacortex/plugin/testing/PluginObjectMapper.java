package io.metacortex.plugin.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An ObjectMapper configured exactly as the host's per-plugin one, for tests of the JSON a plugin's routes read and
 * write: Optional and java.time support, ISO-8601 dates (not timestamps), records and constructors bound by parameter
 * name, unknown properties ignored, bodies nested at most 64 levels deep (the host's default
 * {@code http.maxJsonNestingDepth}), and strict about JSON types. A value must have the JSON type of its field: a
 * number is not a string, a string is not a number or a boolean ("1" is not 1), a number is not a boolean or an
 * enum, a scalar is not a list, null is not a primitive, dates and times are ISO-8601 text (not epoch numbers);
 * a whole number is accepted for a decimal. A mismatch throws a {@code MismatchedInputException}, which the host
 * answers with a 422 naming the field.
 *
 * <p>The host's test {@code PluginObjectMapperParityTest} checks that this mapper and the host's behave the same.
 */
public final class PluginObjectMapper {

    /** The host's default {@code http.maxJsonNestingDepth}. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** The name of the module holding the strictness rules, the same as the host's. */
    static final String STRICT_MODULE = "metacortex-strict-json";

    private PluginObjectMapper() {}

    /** @return a new mapper */
    public static ObjectMapper create() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory)
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .registerModule(new ParameterNamesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.setConfig(mapper.getDeserializationConfig()
                .without(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .with(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .without(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .without(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS));
        refuse(
                mapper,
                LogicalType.Textual,
                CoercionInputShape.Integer,
                CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(
                mapper,
                LogicalType.Integer,
                CoercionInputShape.String,
                CoercionInputShape.Float,
                CoercionInputShape.Boolean,
                CoercionInputShape.EmptyString);
        refuse(
                mapper,
                LogicalType.Float,
                CoercionInputShape.String,
                CoercionInputShape.Boolean,
                CoercionInputShape.EmptyString);
        refuse(
                mapper,
                LogicalType.Boolean,
                CoercionInputShape.String,
                CoercionInputShape.Integer,
                CoercionInputShape.Float,
                CoercionInputShape.EmptyString);
        refuse(
                mapper,
                LogicalType.Enum,
                CoercionInputShape.Integer,
                CoercionInputShape.Float,
                CoercionInputShape.EmptyString);
        refuse(
                mapper,
                LogicalType.DateTime,
                CoercionInputShape.Integer,
                CoercionInputShape.Float,
                CoercionInputShape.EmptyString);
        return mapper.registerModule(new SimpleModule(STRICT_MODULE).setDeserializerModifier(new TimesAsText()));
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** Dates and times only from ISO-8601 text, not from epoch numbers (as numbers or digits) or arrays. */
    private static final class TimesAsText extends BeanDeserializerModifier {

        private static final long serialVersionUID = 1L;
        private static final Set<Class<?>> TIMES = Set.of(
                Instant.class,
                OffsetDateTime.class,
                ZonedDateTime.class,
                LocalDateTime.class,
                LocalDate.class,
                LocalTime.class,
                OffsetTime.class);

        @Override
        public JsonDeserializer<?> modifyDeserializer(
                DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
            return TIMES.contains(description.getBeanClass()) ? new TextOnly(deserializer) : deserializer;
        }
    }

    private static final class TextOnly extends DelegatingDeserializer {

        private static final long serialVersionUID = 1L;
        private static final Pattern NUMBER = Pattern.compile("\\s*[-+]?[0-9]+(\\.[0-9]*)?\\s*");

        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)
                    || NUMBER.matcher(parser.getText()).matches()) {
                return context.reportInputMismatch(
                        handledType(),
                        "expected ISO-8601 text for %s",
                        handledType().getSimpleName());
            }
            return super.deserialize(parser, context);
        }
    }
}
