package io.metacortex.plugin.support.json;

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
 * How MetaCortex reads and writes JSON: the one definition of the ObjectMapper the host gives each plugin's routes
 * ({@link #mapper}), of the strict reading the host's own API shares ({@link #strict}), and so of the mapper
 * {@code metacortex-plugin-testing}'s {@code PluginObjectMapper} gives plugin tests.
 *
 * <p>Strict: a value must have the JSON type of its field. A number is not a string, a string is not a number or a
 * boolean (so "1" is not 1), a number is not a boolean or an enum, a scalar is not a list, null is not a primitive,
 * and dates and times are ISO-8601 text, never epoch numbers. A whole number is still accepted where a decimal is
 * expected. A mismatch surfaces as a Jackson {@code MismatchedInputException} naming the field and its type, which
 * the host answers with a 422.
 *
 * <p>A plugin does not need this class (the host reads its request bodies); it is here, not in the host, so that the
 * host and the test kit share it. Do not embed its package in a bundle (see the package comment).
 */
public final class PluginJson {

    /** The id of the module {@link #strict} registers; a mapper reports it among its registered module ids. */
    public static final String MODULE_NAME = "metacortex-strict-json";

    /** How deeply request bodies may nest objects and arrays unless configured otherwise. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

    private PluginJson() {}

    /**
     * The mapper of a plugin's routes: ISO-8601 dates (not timestamps), {@code Optional} and java.time support,
     * records and constructors bound by parameter name, unknown properties ignored, {@link #strict} about JSON types,
     * refusing bodies nested deeper than {@code maxNestingDepth}.
     *
     * @return a new mapper
     */
    public static ObjectMapper mapper(int maxNestingDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .build())
                .build();
        return strict(new ObjectMapper(factory)
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .registerModule(new ParameterNamesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    }

    /**
     * Makes {@code mapper} strict about JSON types, as the class comment says (before its first use: Jackson caches
     * deserializers).
     *
     * @return {@code mapper}
     */
    public static ObjectMapper strict(ObjectMapper mapper) {
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
        return mapper.registerModule(new SimpleModule(MODULE_NAME).setDeserializerModifier(new TimesAsText()));
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /**
     * Dates and times only from ISO-8601 text: Jackson's java.time deserializers also take epoch numbers (as numbers
     * or as digits in a string) and arrays of fields, which no client of this API means to send.
     */
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
