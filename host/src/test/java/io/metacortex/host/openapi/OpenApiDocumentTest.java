package io.metacortex.host.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.identity.Scope;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        assertThat(fieldNames(doc.get("paths")))
                .containsExactlyInAnyOrder(
                        "/admin/plugins",
                        "/admin/plugins/{id}",
                        "/admin/plugins/{id}/rollback",
                        "/admin/plugins/{id}/disable",
                        "/admin/plugins/{id}/enable",
                        "/admin/plugins/{id}/default",
                        "/admin/plugins/preview",
                        "/admin/users",
                        "/admin/users/{id}",
                        "/admin/users/{id}/tokens",
                        "/admin/audit",
                        "/admin/secrets",
                        "/admin/secrets/reencrypt",
                        "/admin/jobs",
                        "/admin/jobs/{id}",
                        "/admin/jobs/{id}/retry",
                        "/admin/events/subscribers",
                        "/admin/events/parked",
                        "/admin/events/parked/{subscriber}/{eventId}/retry",
                        "/admin/events/parked/{subscriber}/{eventId}",
                        "/admin/outbound",
                        "/admin/leftover-threads",
                        "/api/me",
                        "/api/me/tokens",
                        "/api/me/tokens/{id}",
                        "/api/me/modules",
                        "/api/me/modules/{id}");
        assertThat(fieldNames(doc.at("/paths/~1admin~1plugins~1{id}"))).contains("get", "put", "delete");
        for (String name : List.of("adminToken", "userToken")) {
            JsonNode scheme = doc.at("/components/securitySchemes/" + name);
            assertThat(scheme.get("type").asText()).isEqualTo("http");
            assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
        }
        operations(doc).forEach((id, operation) -> {
            if (id.startsWith("admin.")) {
                assertThat(operation.get("security").toString()).as(id).isEqualTo("[{\"adminToken\":[]}]");
                assertThat(operation.get("tags").toString()).as(id).isEqualTo("[\"admin\"]");
            }
        });
        assertThat(doc.at("/paths/~1admin~1outbound/get/operationId").asText()).isEqualTo("admin.outbound.circuits");
        assertThat(doc.at("/paths/~1admin~1leftover-threads/get/operationId").asText())
                .isEqualTo("admin.leftoverThreads.list");
        JsonNode install = doc.at("/paths/~1admin~1plugins/post");
        assertThat(install.get("operationId").asText()).isEqualTo("admin.plugins.install");
        assertThat(install.get("requestBody").toString()).isEqualTo(jarBody("The plugin bundle (jar)"));
        assertThat(doc.at("/paths/~1admin~1plugins~1preview/post/requestBody").toString())
                .isEqualTo(jarBody("The plugin bundle (jar)"));
        assertThat(doc.at("/paths/~1admin~1plugins~1{id}/put/requestBody").toString())
                .isEqualTo(jarBody("The newer plugin bundle (jar)"));
        assertThat(install.at("/responses/201/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/PluginView");
        assertThat(install.at("/responses/4XX/$ref").asText()).isEqualTo("#/components/responses/ClientError");
        assertThat(fieldNames(doc.at("/components/schemas/ErrorBody/properties")))
                .containsExactly("error", "detail", "fields");
        JsonNode createUser = doc.at("/paths/~1admin~1users/post");
        assertThat(createUser
                        .at("/responses/201/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/UserView");
        assertThat(createUser.at("/responses/201/headers").has("Location")).isTrue();
        assertThat(resolve(doc, createUser.at("/requestBody/content/application~1json/schema"))
                        .get("required"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("email", "displayName");
        assertThat(fieldNames(doc.at("/paths/~1admin~1users~1{id}/delete/responses")))
                .contains("204")
                .doesNotContain("default");
        JsonNode auditLimit = doc.at("/paths/~1admin~1audit/get/parameters/0");
        assertThat(auditLimit.get("name").asText()).isEqualTo("limit");
        assertThat(auditLimit.at("/schema/type").asText()).isEqualTo("integer");
        assertThat(auditLimit.at("/schema/maximum").asInt()).isEqualTo(500);
        JsonNode jobs = doc.at("/paths/~1admin~1jobs/get");
        assertThat(jobs.get("operationId").asText()).isEqualTo("admin.jobs.page");
        assertThat(jobs.at("/parameters/1/name").asText()).isEqualTo("state");
        assertThat(jobs.at("/parameters/1/schema/enum"))
                .extracting(JsonNode::asText)
                .containsExactly("scheduled", "running", "paused", "orphaned", "failed");
        assertThat(resolve(doc, jobs.at("/responses/200/content/application~1json/schema"))
                        .at("/properties/items/items/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/JobView");
        assertThat(doc.at("/paths/~1admin~1jobs~1{id}~1retry/post/operationId").asText())
                .isEqualTo("admin.jobs.retry");
        assertThat(fieldNames(doc.at("/paths/~1admin~1jobs~1{id}/delete/responses")))
                .contains("204")
                .doesNotContain("default");
    }

    @Test
    void theCallersOwnRoutesAreDocumentedUnderApiMe() {
        JsonNode doc = document();

        JsonNode me = doc.at("/paths/~1api~1me/get");
        assertThat(me.get("operationId").asText()).isEqualTo("me.get");
        assertThat(me.get("tags").toString()).isEqualTo("[\"me\"]");
        assertThat(me.get("security").toString()).isEqualTo("[{\"userToken\":[]}]");
        assertThat(me.at("/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/UserView");
        JsonNode create = doc.at("/paths/~1api~1me~1tokens/post");
        assertThat(create.get("operationId").asText()).isEqualTo("me.createToken");
        assertThat(create.at("/responses/201/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/TokenView");
        JsonNode request = resolve(doc, create.at("/requestBody/content/application~1json/schema"));
        assertThat(request.get("required").toString()).isEqualTo("[\"name\"]");
        assertThat(request.at("/properties/scopes/items/enum"))
                .extracting(JsonNode::asText)
                .containsExactlyElementsOf(
                        Arrays.stream(Scope.values()).map(Scope::label).toList());
        assertThat(fieldNames(doc.at("/paths/~1api~1me~1tokens~1{id}/delete/responses")))
                .contains("204");
        assertThat(doc.at("/paths/~1api~1me~1modules/get/operationId").asText()).isEqualTo("me.modules.list");
        assertThat(fieldNames(resolve(
                                doc,
                                doc.at("/paths/~1api~1me~1modules~1{id}/put/requestBody/content"
                                        + "/application~1json/schema"))
                        .get("properties")))
                .containsExactly("enabled", "settings");
        assertThat(tag(doc, "me")).contains("profile");
    }

    @Test
    void samplePluginIsDocumentedWhileActiveAndAtItsCurrentVersion() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);

        JsonNode doc = document();
        assertThat(fieldNames(doc.get("paths")))
                .contains("/api/sample", "/api/sample/items", "/api/sample/slow", "/api/sample/boom");
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
        assertThat(resolve(doc, create.at("/responses/5XX")).get("description").asText())
                .contains("logged");
        assertThat(doc.at("/paths/~1api~1sample~1slow/get/parameters/0/name").asText())
                .isEqualTo("seconds");
        assertThat(tag(doc, "sample")).contains("1.0.0");
        // The sample declares nothing for swagger: what JAX-RS says is documented, the rest is said to be unknown.
        assertThat(doc.at("/paths/~1api~1sample~1items/get/responses/200/content/application~1json/schema/type")
                        .asText())
                .isEqualTo("array");
        assertThat(create.at("/responses/default/description").asText()).isEqualTo(ConventionReader.UNDECLARED);
        assertThat(create.get("operationId").asText()).isEqualTo("sample.create");
        assertThat(create.get("security").toString()).isEqualTo("[{\"userToken\":[]}]");
        assertThat(doc.at("/paths/~1api~1sample~1public/get").has("security"))
                .as("@PublicRoute")
                .isFalse();
        assertThat(doc.at("/paths/~1api~1sample~1public/get/responses").has("200"))
                .isTrue();

        assertThat(RUNNING.host()
                        .upgrade("sample", Fixtures.bytes(Fixtures.SAMPLE_V2))
                        .status())
                .isEqualTo(200);
        JsonNode upgraded = document();
        assertThat(tag(upgraded, "sample")).contains("2.0.0");
        assertThat(fieldNames(upgraded.get("paths"))).contains("/api/sample", "/api/sample/items");
        assertThat(upgraded.at("/paths/~1api~1sample~1items/post/requestBody")).isEqualTo(create.get("requestBody"));

        assertThat(RUNNING.host()
                        .admin("POST", "/admin/plugins/sample/disable", null)
                        .status())
                .isEqualTo(200);
        assertThat(samplePaths(document())).isEmpty();
        assertThat(tag(document(), "sample")).isNull();

        assertThat(RUNNING.host()
                        .admin("POST", "/admin/plugins/sample/enable", null)
                        .status())
                .isEqualTo(200);
        assertThat(samplePaths(document())).contains("/api/sample/items");

        assertThat(RUNNING.host().admin("DELETE", "/admin/plugins/sample", null).status())
                .isEqualTo(204);
        JsonNode after = document();
        assertThat(samplePaths(after)).isEmpty();
        assertThat(fieldNames(after.at("/components/schemas"))).noneMatch(name -> name.startsWith("sample."));
    }

    @Test
    void rollbackDocumentsThePreviousVersion() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);
        RUNNING.host().upgrade("sample", Fixtures.asVersion(Fixtures.SAMPLE_V1, "1.1.0", Map.of()));
        assertThat(tag(document(), "sample")).contains("1.1.0");

        assertThat(RUNNING.host()
                        .admin("POST", "/admin/plugins/sample/rollback", null)
                        .status())
                .isEqualTo(200);

        assertThat(tag(document(), "sample")).contains("1.0.0");
        assertThat(samplePaths(document())).contains("/api/sample/items");
    }

    @Test
    void tasksPluginOperationsAreListed() {
        assertThat(RUNNING.host()
                        .install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS)
                        .status())
                .isEqualTo(201);

        JsonNode doc = document();
        assertThat(fieldNames(doc.at("/paths/~1api~1tasks"))).containsExactlyInAnyOrder("get", "post");
        assertThat(fieldNames(doc.at("/paths/~1api~1tasks~1{id}"))).containsExactlyInAnyOrder("get", "put", "delete");
        List<String> listParameters = new ArrayList<>();
        doc.at("/paths/~1api~1tasks/get/parameters")
                .forEach(p -> listParameters.add(p.get("name").asText()));
        assertThat(listParameters)
                .contains("status", "priority", "tag", "dueBefore", "dueAfter", "parentId", "limit", "cursor");
        JsonNode task = resolve(
                doc, doc.at("/paths/~1api~1tasks~1{id}/get/responses/200/content/application~1json" + "/schema"));
        assertThat(fieldNames(task.get("properties"))).contains("id", "title", "priority", "status", "tags");
        assertThat(fieldNames(doc.at("/components/schemas")))
                .allMatch(name -> !name.contains(".") || name.startsWith("tasks."));

        JsonNode create = doc.at("/paths/~1api~1tasks/post");
        assertThat(create.get("operationId").asText()).isEqualTo("tasks.create");
        assertThat(create.get("security").toString()).isEqualTo("[{\"userToken\":[]}]");
        assertThat(fieldNames(create.get("responses"))).containsExactly("201", "4XX", "5XX");
        assertThat(create.at("/responses/201/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/tasks.Task");
        assertThat(create.at("/responses/201/headers/Location/schema/format").asText())
                .isEqualTo("uri");
        JsonNode request = resolve(doc, create.at("/requestBody/content/application~1json/schema"));
        assertThat(request.get("required").toString()).isEqualTo("[\"title\"]");
        assertThat(request.at("/properties/priority/enum"))
                .extracting(JsonNode::asText)
                .containsExactly("LOW", "MEDIUM", "HIGH");
        assertThat(request.at("/properties/status/enum"))
                .extracting(JsonNode::asText)
                .containsExactly("PENDING", "IN_PROGRESS", "COMPLETED", "BLOCKED");
        JsonNode delete = doc.at("/paths/~1api~1tasks~1{id}/delete/responses");
        assertThat(fieldNames(delete)).containsExactly("204", "4XX", "5XX");

        JsonNode limit = parameter(doc.at("/paths/~1api~1tasks/get"), "limit");
        assertThat(limit.at("/schema/type").asText()).isEqualTo("integer");
        assertThat(limit.at("/schema/minimum").asInt()).isEqualTo(1);
        assertThat(limit.at("/schema/maximum").asInt()).isEqualTo(200);
        assertThat(parameter(doc.at("/paths/~1api~1tasks/get"), "priority").at("/schema/items/enum"))
                .extracting(JsonNode::asText)
                .containsExactly("LOW", "MEDIUM", "HIGH");
        assertThat(parameter(doc.at("/paths/~1api~1tasks/get"), "cursor")
                        .at("/schema/type")
                        .asText())
                .isEqualTo("string");
        assertThat(doc.at("/paths/~1api~1tasks/get/operationId").asText()).isEqualTo("tasks.list");
        assertThat(doc.at("/paths/~1api~1tasks~1projects/get/operationId").asText())
                .isEqualTo("tasks.projects.list");
        assertThat(doc.at("/paths/~1api~1tasks~1tags/get/operationId").asText()).isEqualTo("tasks.tags.list");
        assertThat(doc.at("/paths/~1api~1tasks~1projects/post/responses/201/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/tasks.Project");
    }

    @Test
    void documentWithEveryPluginIsValidOpenApi3() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        assertThat(RUNNING.host()
                        .install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS)
                        .status())
                .isEqualTo(201);
        assertThat(RUNNING.host().install(Fixtures.NOTES).status()).isEqualTo(201);
        assertThat(RUNNING.host().install(Fixtures.HABITS).status()).isEqualTo(201);
        String json = RUNNING.host().get("/openapi.json").body();

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths())
                .containsKeys(
                        "/admin/plugins", "/api/me", "/api/sample/items", "/api/tasks", "/api/notes", "/api/habits");
    }

    @Test
    void everyOperationHasAStableUniqueIdASuccessResponseAndItsScheme() {
        RUNNING.host().install(Fixtures.SAMPLE_V1);
        RUNNING.host().install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS);
        RUNNING.host().install(Fixtures.NOTES);
        RUNNING.host().install(Fixtures.HABITS);

        JsonNode doc = document();
        List<String> ids = new ArrayList<>();
        doc.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    JsonNode operation = entry.getValue();
                    String id = operation.path("operationId").asText();
                    ids.add(id);
                    String at = entry.getKey() + " " + path.getKey();
                    assertThat(id)
                            .as(at)
                            .matches("[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)+")
                            .doesNotContainPattern("_\\d+$");
                    assertThat(fieldNames(operation.get("responses")))
                            .as(at)
                            .anyMatch(code -> code.startsWith("2") || code.equals("default"));
                    String scheme = path.getKey().startsWith("/admin/") ? "adminToken" : "userToken";
                    if (!path.getKey().equals("/api/sample/public")) {
                        assertThat(operation.path("security").toString()).as(at).isEqualTo("[{\"" + scheme + "\":[]}]");
                    }
                }));
        assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThan(70);
        // Only the sample, which declares nothing for swagger, answers with a Response the document cannot know.
        operations(doc)
                .forEach(
                        (id, operation) -> assertThat(operation.get("responses").has("default"))
                                .as(id)
                                .isEqualTo(id.equals("sample.create")
                                        || id.equals("sample.addNote")
                                        || id.equals("sample.scheduleJob")));

        assertThat(RUNNING.host()
                        .upgrade("sample", Fixtures.bytes(Fixtures.SAMPLE_V2))
                        .status())
                .isEqualTo(200);
        assertThat(operations(document()).keySet())
                .as("the same ids after an upgrade")
                .containsAll(
                        ids.stream().filter(id -> !id.startsWith("sample.")).toList());
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

    /** @return each operation of the document by its id */
    private static Map<String, JsonNode> operations(JsonNode doc) {
        Map<String, JsonNode> operations = new TreeMap<>();
        doc.get("paths")
                .forEach(path -> path.forEach(operation -> {
                    if (operation.has("operationId")) {
                        operations.put(operation.get("operationId").asText(), operation);
                    }
                }));
        return operations;
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.get("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
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
        return fieldNames(doc.get("paths")).stream()
                .filter(p -> p.startsWith("/api/sample"))
                .toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A jar upload's request body: required, binary in both media types the uploads consume. */
    private static String jarBody(String description) {
        String binary = "{\"schema\":{\"type\":\"string\",\"format\":\"binary\"}}";
        return "{\"description\":\"" + description + "\",\"content\":{\"application/java-archive\":" + binary
                + ",\"application/octet-stream\":" + binary + "},\"required\":true}";
    }
}
