package io.metacortex.host.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import io.metacortex.host.testing.RunningHost.Reply;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /openapi.json} describes the admin API and exactly the active plugins, through their whole lifecycle. */
class OpenApiDocumentTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    @BeforeEach
    void uninstallEverything() {
        RUNNING.purgeAllPlugins();
    }

    @Test
    void adminApiIsDocumentedWithItsBearerScheme() {
        Reply reply = RUNNING.host().get("/openapi.json");

        assertThat(reply.status()).as("public, no token needed").isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode doc = reply.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.0");
        assertThat(fieldNames(doc.get("paths"))).containsExactlyInAnyOrder("/admin/plugins", "/admin/plugins/{id}",
                "/admin/plugins/{id}/rollback", "/admin/plugins/{id}/disable", "/admin/plugins/{id}/enable",
                "/admin/plugins/{id}/default",
                "/admin/users", "/admin/users/{id}", "/admin/users/{id}/tokens", "/admin/audit", "/admin/secrets",
                "/admin/secrets/reencrypt");
        assertThat(fieldNames(doc.at("/paths/~1admin~1plugins~1{id}"))).contains("get", "put", "delete");
        JsonNode scheme = doc.at("/components/securitySchemes/adminToken");
        assertThat(scheme.get("type").asText()).isEqualTo("http");
        assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
        JsonNode install = doc.at("/paths/~1admin~1plugins/post");
        assertThat(install.at("/security/0").has("adminToken")).isTrue();
        assertThat(install.at("/requestBody/content/application~1java-archive/schema/format").asText())
                .isEqualTo("binary");
        assertThat(install.at("/responses/201/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/PluginView");
        assertThat(install.at("/responses/4XX/$ref").asText()).isEqualTo("#/components/responses/ClientError");
        assertThat(fieldNames(doc.at("/components/schemas/ErrorBody/properties")))
                .containsExactly("error", "detail", "fields");
    }

    @Test
    void samplePluginIsDocumentedWhileActiveAndAtItsCurrentVersion() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);

        JsonNode doc = document();
        assertThat(fieldNames(doc.get("paths"))).contains("/api/sample", "/api/sample/items", "/api/sample/slow",
                "/api/sample/boom");
        assertThat(fieldNames(doc.at("/paths/~1api~1sample~1items"))).containsExactlyInAnyOrder("get", "post");
        JsonNode create = doc.at("/paths/~1api~1sample~1items/post");
        assertThat(create.get("tags").toString()).isEqualTo("[\"sample\"]");
        JsonNode body = resolve(doc, create.at("/requestBody/content/application~1json/schema"));
        assertThat(fieldNames(body.get("properties"))).containsExactlyInAnyOrder("name", "quantity");
        assertThat(body.at("/properties/name/maxLength").asInt()).isEqualTo(40);
        assertThat(body.get("required").toString()).contains("name", "quantity");
        JsonNode refused = resolve(doc, create.at("/responses/4XX"));
        assertThat(refused.at("/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ErrorBody");
        assertThat(resolve(doc, create.at("/responses/5XX")).get("description").asText()).contains("logged");
        assertThat(doc.at("/paths/~1api~1sample~1slow/get/parameters/0/name").asText()).isEqualTo("seconds");
        assertThat(tag(doc, "sample")).contains("1.0.0");

        assertThat(RUNNING.host().upgrade("sample", Fixtures.bytes(Fixtures.SAMPLE_V2)).status()).isEqualTo(200);
        JsonNode upgraded = document();
        assertThat(tag(upgraded, "sample")).contains("2.0.0");
        assertThat(fieldNames(upgraded.get("paths"))).contains("/api/sample", "/api/sample/items");
        assertThat(upgraded.at("/paths/~1api~1sample~1items/post/requestBody")).isEqualTo(create.get("requestBody"));

        assertThat(RUNNING.host().admin("POST", "/admin/plugins/sample/disable", null).status()).isEqualTo(200);
        assertThat(samplePaths(document())).isEmpty();
        assertThat(tag(document(), "sample")).isNull();

        assertThat(RUNNING.host().admin("POST", "/admin/plugins/sample/enable", null).status()).isEqualTo(200);
        assertThat(samplePaths(document())).contains("/api/sample/items");

        assertThat(RUNNING.host().admin("DELETE", "/admin/plugins/sample", null).status()).isEqualTo(204);
        JsonNode after = document();
        assertThat(samplePaths(after)).isEmpty();
        assertThat(fieldNames(after.at("/components/schemas"))).noneMatch(name -> name.startsWith("sample."));
    }

    @Test
    void rollbackDocumentsThePreviousVersion() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);
        RUNNING.host().upgrade("sample", Fixtures.asVersion(Fixtures.SAMPLE_V1, "1.1.0", Map.of()));
        assertThat(tag(document(), "sample")).contains("1.1.0");

        assertThat(RUNNING.host().admin("POST", "/admin/plugins/sample/rollback", null).status()).isEqualTo(200);

        assertThat(tag(document(), "sample")).contains("1.0.0");
        assertThat(samplePaths(document())).contains("/api/sample/items");
    }

    @Test
    void tasksPluginOperationsAreListed() {
        assertThat(RUNNING.host().install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS).status()).isEqualTo(201);

        JsonNode doc = document();
        assertThat(fieldNames(doc.at("/paths/~1api~1tasks"))).containsExactlyInAnyOrder("get", "post");
        assertThat(fieldNames(doc.at("/paths/~1api~1tasks~1{id}"))).containsExactlyInAnyOrder("get", "put", "delete");
        List<String> listParameters = new ArrayList<>();
        doc.at("/paths/~1api~1tasks/get/parameters").forEach(p -> listParameters.add(p.get("name").asText()));
        assertThat(listParameters).contains("status", "priority", "tag", "dueBefore", "dueAfter", "parentId", "limit",
                "cursor");
        JsonNode task = resolve(doc, doc.at("/paths/~1api~1tasks~1{id}/get/responses/default/content/application~1json/schema"));
        assertThat(fieldNames(task.get("properties"))).contains("id", "title", "priority", "status", "tags");
        JsonNode request = resolve(doc, doc.at("/paths/~1api~1tasks/post/requestBody/content/application~1json/schema"));
        assertThat(fieldNames(request.get("properties"))).contains("title");
        assertThat(fieldNames(doc.at("/components/schemas"))).allMatch(name -> !name.contains(".")
                || name.startsWith("tasks."));
    }

    @Test
    void documentIsValidOpenApi3() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);
        RUNNING.host().install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS);

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(RUNNING.host().get("/openapi.json").body());

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/admin/plugins", "/api/sample/items", "/api/tasks");
    }

    @Test
    void swaggerUiIsServedFromTheWebjar() {
        Reply redirect = RUNNING.host().get("/docs");
        assertThat(redirect.status()).isEqualTo(302);

        Reply index = RUNNING.host().get("/docs/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.contentType()).startsWith("text/html");
        assertThat(index.body()).contains("swagger-ui-bundle.js", "swagger-initializer.js");

        Reply bundle = RUNNING.host().get("/docs/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.contentType()).contains("javascript");
        assertThat(bundle.body().length()).isGreaterThan(100_000);
        assertThat(RUNNING.host().get("/docs/swagger-ui.css").status()).isEqualTo(200);

        Reply initializer = RUNNING.host().get("/docs/swagger-initializer.js");
        assertThat(initializer.status()).isEqualTo(200);
        assertThat(initializer.body()).contains("url: \"/openapi.json\"").doesNotContain("petstore");

        assertThat(RUNNING.host().get("/docs/no-such-file.js").status()).isEqualTo(404);
    }

    private static JsonNode document() {
        Reply reply = RUNNING.host().get("/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    /** Follows a {@code $ref} within the document. */
    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : doc.at(ref.asText().substring(1));
    }

    private static String tag(JsonNode doc, String name) {
        for (JsonNode tag : doc.path("tags")) {
            if (tag.get("name").asText().equals(name)) {
                return tag.path("description").asText();
            }
        }
        return null;
    }

    private static List<String> samplePaths(JsonNode doc) {
        return fieldNames(doc.get("paths")).stream().filter(p -> p.startsWith("/api/sample")).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
