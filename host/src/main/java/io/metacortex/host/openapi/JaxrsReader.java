package io.metacortex.host.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Runs swagger-core's JAX-RS reader over resource classes and hands back plain JSON. swagger-core keeps static
 * state (its model converters and Jackson mappers, whose type caches hold {@code Class} references), so reads are
 * serialised and that state is dropped after each one: a plugin's classes must not outlive its uninstall.
 */
final class JaxrsReader {

    private static final Object LOCK = new Object();

    private JaxrsReader() {}

    /**
     * @return the OpenAPI document of the {@code @Path} classes among {@code classes}, starting from {@code base},
     *     with {@code conventions} applied to each operation
     */
    static ObjectNode read(OpenAPI base, Collection<Class<?>> classes, ConventionReader.Conventions conventions) {
        Set<Class<?>> resources = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            if (type.isAnnotationPresent(Path.class)) {
                resources.add(type);
            }
        }
        synchronized (LOCK) {
            try {
                OpenAPI api = new ConventionReader(
                                new SwaggerConfiguration().openAPI(base).readAllResources(true), conventions)
                        .read(resources);
                // Through text, not valueToTree: that would turn a maximum of 200 into the BigDecimal 2E+2.
                ObjectNode document =
                        (ObjectNode) Json.mapper().readTree(Json.mapper().writeValueAsBytes(api));
                integerFormatsAreIntegers(document);
                return document;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                forgetClasses();
            }
        }
    }

    /**
     * A parameter of a {@code @BeanParam} (such as metacortex-plugin-support's {@code PageQuery}) keeps the type of its
     * Java property, text for a {@code limit} read as text so that a bad value can be named, even where its
     * annotations declare an integer: swagger-core applies their format and bounds but not the type. An {@code int32}
     * or {@code int64} format belongs to integers only, so such a parameter is an integer.
     */
    private static void integerFormatsAreIntegers(ObjectNode document) {
        for (JsonNode pathItem : document.path("paths")) {
            for (JsonNode operation : pathItem) {
                for (JsonNode parameter : operation.path("parameters")) {
                    if (parameter.get("schema") instanceof ObjectNode schema
                            && "string".equals(schema.path("type").asText())
                            && Set.of("int32", "int64")
                                    .contains(schema.path("format").asText())) {
                        schema.put("type", "integer");
                    }
                }
            }
        }
    }

    private static void forgetClasses() {
        ModelConverters.reset();
        Json.mapper().getTypeFactory().clearCache();
        TypeFactory.defaultInstance().clearCache();
    }
}
