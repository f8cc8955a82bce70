package io.metacortex.host.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metacortex.plugin.api.PublicRoute;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.models.OpenAPI;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the reader infers from a resource method, and what it leaves to the method's swagger annotations. */
class ConventionReaderTest {

    private static final ConventionReader.Conventions PLUGIN =
            new ConventionReader.Conventions("demo", "demo", SecuritySchemes.USER_TOKEN);

    public record Thing(String name) {}

    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public static class RootResource {

        @GET
        public List<Thing> list() {
            return List.of();
        }

        @POST
        public Response create(Thing thing) {
            return Response.status(201).entity(thing).build();
        }

        @PUT
        @Path("{id}")
        @ApiResponse(
                responseCode = "201",
                description = "Created",
                content = @Content(schema = @Schema(implementation = Thing.class)))
        public Response put(Thing thing) {
            return Response.status(201).entity(thing).build();
        }

        @DELETE
        @Path("{id}")
        public void delete() {}

        @GET
        @Path("open")
        @PublicRoute
        public Thing open() {
            return new Thing("open");
        }
    }

    @Path("sub-things")
    @Produces(MediaType.APPLICATION_JSON)
    public static class SubResource {

        @GET
        public List<Thing> list() {
            return List.of();
        }

        @GET
        @Path("{id}")
        @Operation(operationId = "one")
        public Thing get() {
            return new Thing("one");
        }
    }

    @Path("public")
    @PublicRoute
    public static class PublicResource {

        @GET
        public String hello() {
            return "hello";
        }
    }

    @Path("uploads")
    public static class UploadResource {

        @POST
        @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
        @Operation(requestBody = @RequestBody(required = true, description = "The archive"))
        public void zip(@Parameter(hidden = true) InputStream body) {}

        @PUT
        @Operation(requestBody = @RequestBody(description = "Anything"))
        public void any(@Parameter(hidden = true) InputStream body) {}

        @POST
        @Path("text")
        @Consumes(MediaType.TEXT_PLAIN)
        @Operation(
                requestBody =
                        @RequestBody(
                                description = "Declared",
                                content = @Content(schema = @Schema(type = "string", maxLength = 10))))
        public void text(@Parameter(hidden = true) InputStream body) {}
    }

    private final ObjectNode read = JaxrsReader.read(
            new OpenAPI(),
            List.of(RootResource.class, SubResource.class, PublicResource.class, UploadResource.class),
            PLUGIN);

    @Test
    void successIsInferredFromTheReturnType() {
        JsonNode list = read.at("/paths/~1/get/responses");
        assertThat(fieldNames(list)).containsExactly("200");
        assertThat(list.at("/200/content/application~1json/schema/items/$ref").asText())
                .isEqualTo("#/components/schemas/Thing");

        JsonNode delete = read.at("/paths/~1{id}/delete/responses");
        assertThat(fieldNames(delete)).containsExactly("204");
        assertThat(delete.at("/204").has("content")).isFalse();
    }

    @Test
    void aResponseKeepsWhatItDeclaresOrSaysThatItDeclaresNothing() {
        JsonNode declared = read.at("/paths/~1{id}/put/responses");
        assertThat(fieldNames(declared)).containsExactly("201");
        assertThat(declared.at("/201/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Thing");

        JsonNode undeclared = read.at("/paths/~1/post/responses");
        assertThat(fieldNames(undeclared)).containsExactly("default");
        assertThat(undeclared.at("/default/description").asText()).isEqualTo(ConventionReader.UNDECLARED);
    }

    @Test
    void everyOperationButPublicRoutesNeedsTheBearerScheme() {
        assertThat(read.at("/paths/~1/get/security").toString()).isEqualTo("[{\"userToken\":[]}]");
        assertThat(read.at("/paths/~1sub-things~1{id}/get/security").toString()).isEqualTo("[{\"userToken\":[]}]");
        assertThat(read.at("/paths/~1open/get").has("security"))
                .as("@PublicRoute method")
                .isFalse();
        assertThat(read.at("/paths/~1public/get").has("security"))
                .as("@PublicRoute class")
                .isFalse();
    }

    @Test
    void operationIdsNameThePartTheResourceAndTheMethod() {
        assertThat(read.at("/paths/~1/get/operationId").asText()).isEqualTo("demo.list");
        assertThat(read.at("/paths/~1sub-things/get/operationId").asText()).isEqualTo("demo.subThings.list");
        assertThat(read.at("/paths/~1sub-things~1{id}/get/operationId").asText())
                .isEqualTo("demo.subThings.one");
        assertThat(read.at("/paths/~1public/get/operationId").asText()).isEqualTo("demo.public.hello");
        assertThat(read.at("/paths/~1/get/tags").toString()).isEqualTo("[\"demo\"]");
    }

    @Test
    void aBodyReadAsAStreamIsBinaryInEachMediaTypeConsumedUnlessItDeclaresItsContent() {
        String binary = "{\"schema\":{\"type\":\"string\",\"format\":\"binary\"}}";
        assertThat(read.at("/paths/~1uploads/post/requestBody").toString())
                .isEqualTo("{\"description\":\"The archive\",\"content\":{\"application/zip\":" + binary
                        + ",\"application/octet-stream\":" + binary + "},\"required\":true}");
        assertThat(read.at("/paths/~1uploads/put/requestBody").toString())
                .isEqualTo("{\"description\":\"Anything\",\"content\":{\"*/*\":" + binary + "}}");
        assertThat(read.at("/paths/~1uploads~1text/post/requestBody/content").toString())
                .isEqualTo("{\"text/plain\":{\"schema\":{\"maxLength\":10,\"type\":\"string\"}}}");
        assertThat(read.at("/paths/~1/post/requestBody/content/*~1*/schema/$ref")
                        .asText())
                .as("a body read as a type keeps its schema")
                .isEqualTo("#/components/schemas/Thing");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
