package io.metacortex.host.felix;

import java.util.List;

/**
 * The libraries the host shares with plugins: the plugin API and what its signatures and a REST plugin need, and the
 * swagger annotations that describe a plugin's routes. Only these are exported; Jetty, Jersey internals, Dropwizard,
 * swagger-core itself and the host's own classes stay private.
 */
public final class SharedLibraries {

    public static final List<SharedLibrary> ALLOWLIST = List.of(
            new SharedLibrary(io.metacortex.plugin.api.Plugin.class, "io.metacortex.plugin.api"),
            // Covered by the prefix above, named for the reader: background jobs (API 1.3).
            new SharedLibrary(io.metacortex.plugin.api.jobs.Jobs.class, "io.metacortex.plugin.api.jobs"),
            new SharedLibrary(jakarta.ws.rs.Path.class, "jakarta.ws.rs"),
            new SharedLibrary(jakarta.validation.Valid.class, "jakarta.validation"),
            new SharedLibrary(jakarta.inject.Inject.class, "jakarta.inject"),
            new SharedLibrary(jakarta.annotation.Priority.class, "jakarta.annotation"),
            new SharedLibrary(com.fasterxml.jackson.annotation.JsonProperty.class, "com.fasterxml.jackson.annotation"),
            new SharedLibrary(com.fasterxml.jackson.core.JsonParser.class, "com.fasterxml.jackson.core"),
            new SharedLibrary(com.fasterxml.jackson.databind.ObjectMapper.class, "com.fasterxml.jackson.databind"),
            new SharedLibrary(
                    com.fasterxml.jackson.datatype.jsr310.JavaTimeModule.class,
                    "com.fasterxml.jackson.datatype.jsr310"),
            new SharedLibrary(
                    com.fasterxml.jackson.datatype.jdk8.Jdk8Module.class, "com.fasterxml.jackson.datatype.jdk8"),
            new SharedLibrary(org.jdbi.v3.core.Jdbi.class, "org.jdbi.v3.core"),
            new SharedLibrary(org.jdbi.v3.sqlobject.SqlObject.class, "org.jdbi.v3.sqlobject"),
            new SharedLibrary(org.jdbi.v3.postgres.PostgresPlugin.class, "org.jdbi.v3.postgres"),
            new SharedLibrary(com.codahale.metrics.MetricRegistry.class, "com.codahale.metrics"),
            new SharedLibrary(com.codahale.metrics.health.HealthCheck.class, "com.codahale.metrics.health"),
            new SharedLibrary(com.codahale.metrics.annotation.Timed.class, "com.codahale.metrics.annotation"),
            new SharedLibrary(org.slf4j.Logger.class, "org.slf4j"),
            // Optional for plugins: @Operation, @ApiResponse, @Parameter, @Schema... describe their routes in
            // /openapi.json where JAX-RS cannot (what a method returning a Response answers, enums held as text).
            new SharedLibrary(io.swagger.v3.oas.annotations.Operation.class, "io.swagger.v3.oas.annotations"));

    private SharedLibraries() {}
}
