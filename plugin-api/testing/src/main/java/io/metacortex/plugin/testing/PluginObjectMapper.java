package io.metacortex.plugin.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metacortex.plugin.support.json.PluginJson;

/**
 * The ObjectMapper the host gives a plugin's routes, for tests of the JSON a plugin's routes read and write: the
 * same definition ({@link PluginJson#mapper}) at the host's default nesting depth. Optional and java.time support,
 * ISO-8601 dates (not timestamps), records and constructors bound by parameter name, unknown properties ignored,
 * bodies nested at most 64 levels deep, and strict about JSON types: a value of the wrong JSON type throws a
 * {@code MismatchedInputException}, which the host answers with a 422 naming the field.
 */
public final class PluginObjectMapper {

    /** The host's default {@code http.maxJsonNestingDepth}. */
    public static final int MAX_NESTING_DEPTH = PluginJson.DEFAULT_MAX_NESTING_DEPTH;

    private PluginObjectMapper() {}

    /** @return a new mapper */
    public static ObjectMapper create() {
        return PluginJson.mapper(MAX_NESTING_DEPTH);
    }
}
