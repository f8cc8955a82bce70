package io.metacortex.plugin.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

/**
 * An ObjectMapper configured as the host's per-plugin one, for tests of the JSON a plugin's routes read and write:
 * Optional and java.time support, ISO-8601 dates (not timestamps), records and constructors bound by parameter
 * name, unknown properties ignored.
 */
public final class PluginObjectMapper {

    private PluginObjectMapper() {
    }

    /** @return a new mapper */
    public static ObjectMapper create() {
        return new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .registerModule(new ParameterNamesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
