package io.metacortex.host.openapi;

import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import io.metacortex.plugin.api.BasicAuthRoute;
import io.metacortex.plugin.api.PublicRoute;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.api.OpenAPIConfiguration;
import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * swagger-core's JAX-RS reader with the host's conventions applied to each operation, where the Java method is
 * still known:
 * <ul>
 * <li>the operation id of {@link OperationIds#of} (no {@code _1} suffixes);</li>
 * <li>the success response: {@code 204} for a {@code void} method, {@code 200} with the schema of the returned type
 * otherwise; a method returning a JAX-RS {@link Response} keeps swagger's {@code default} unless it declares its
 * success with {@code @ApiResponse} (JAX-RS has no annotation for the status, so the host cannot know it);</li>
 * <li>the part's bearer security scheme, unless the method or its class is {@link PublicRoute};</li>
 * <li>the part's tag, alone;</li>
 * <li>a request body the method reads as an {@link InputStream} (a hidden parameter) and declares without content:
 * {@code type: string, format: binary} in each media type the method (or its class) {@code @Consumes}, any without
 * one, so that its {@code @RequestBody} need only say what the bytes are.</li>
 * </ul>
 */
final class ConventionReader extends Reader {

    /** What one part of the document (the admin API, the host's /api/me, a plugin) puts on its operations. */
    record Conventions(String operationIdPrefix, String tag, String securityScheme) {}

    static final String UNDECLARED = "Success. The operation does not declare its status and body: it answers with"
            + " a JAX-RS Response and no @ApiResponse.";

    private final Conventions conventions;
    private final Deque<Class<?>> resources = new ArrayDeque<>();

    ConventionReader(OpenAPIConfiguration configuration, Conventions conventions) {
        super(configuration);
        this.conventions = conventions;
    }

    @Override
    public io.swagger.v3.oas.models.OpenAPI read(
            Class<?> cls,
            String parentPath,
            String parentMethod,
            boolean isSubresource,
            RequestBody parentRequestBody,
            ApiResponses parentResponses,
            Set<String> parentTags,
            List<Parameter> parentParameters,
            Set<Class<?>> scannedResources) {
        resources.push(cls);
        try {
            return super.read(
                    cls,
                    parentPath,
                    parentMethod,
                    isSubresource,
                    parentRequestBody,
                    parentResponses,
                    parentTags,
                    parentParameters,
                    scannedResources);
        } finally {
            resources.pop();
        }
    }

    @Override
    protected Operation parseMethod(
            Class<?> cls,
            Method method,
            List<Parameter> globalParameters,
            Produces methodProduces,
            Produces classProduces,
            Consumes methodConsumes,
            Consumes classConsumes,
            List<SecurityRequirement> classSecurityRequirements,
            Optional<ExternalDocumentation> classExternalDocs,
            Set<String> classTags,
            List<Server> classServers,
            boolean isSubresource,
            RequestBody parentRequestBody,
            ApiResponses parentResponses,
            JsonView jsonViewAnnotation,
            io.swagger.v3.oas.annotations.responses.ApiResponse[] classResponses,
            AnnotatedMethod annotatedMethod) {
        Operation operation = super.parseMethod(
                cls,
                method,
                globalParameters,
                methodProduces,
                classProduces,
                methodConsumes,
                classConsumes,
                classSecurityRequirements,
                classExternalDocs,
                classTags,
                classServers,
                isSubresource,
                parentRequestBody,
                parentResponses,
                jsonViewAnnotation,
                classResponses,
                annotatedMethod);
        Class<?> resource = resources.isEmpty() ? method.getDeclaringClass() : resources.peek();
        operation.setOperationId(OperationIds.of(conventions.operationIdPrefix(), resource, method));
        operation.setTags(new ArrayList<>(List.of(conventions.tag())));
        inferSuccess(operation.getResponses(), method);
        streamedBodyIsBinary(
                operation.getRequestBody(), method, methodConsumes != null ? methodConsumes : classConsumes);
        if (operation.getSecurity() == null && !isPublic(resource, method)) {
            operation.addSecurityItem(new SecurityRequirement().addList(conventions.securityScheme()));
            if (acceptsBasic(resource, method)) {
                operation.addSecurityItem(new SecurityRequirement().addList(SecuritySchemes.USER_BASIC));
            }
        }
        return operation;
    }

    /** swagger-core's own de-duplication ({@code list_1}) is replaced by {@link OperationIds}. */
    @Override
    protected String getOperationId(String operationId) {
        return operationId;
    }

    private static void inferSuccess(ApiResponses responses, Method method) {
        ApiResponse fallback = responses.get(ApiResponses.DEFAULT);
        boolean declared = responses.keySet().stream().anyMatch(code -> code.startsWith("2") || code.startsWith("3"));
        if (fallback == null || declared) {
            return;
        }
        Class<?> returned = method.getReturnType();
        if (Response.class.isAssignableFrom(returned)) {
            describe(fallback, UNDECLARED);
        } else if (returned != void.class) {
            responses.remove(ApiResponses.DEFAULT);
            responses.addApiResponse("200", describe(fallback, "OK"));
        } else if (!hasSchema(fallback)) {
            responses.remove(ApiResponses.DEFAULT);
            responses.addApiResponse(
                    "204",
                    new ApiResponse()
                            .description(
                                    DEFAULT_DESCRIPTION.equals(fallback.getDescription())
                                            ? "No content"
                                            : fallback.getDescription()));
        }
    }

    private static void streamedBodyIsBinary(RequestBody body, Method method, Consumes consumes) {
        boolean streamed = Arrays.asList(method.getParameterTypes()).contains(InputStream.class);
        if (body == null || !streamed || body.getContent() != null) {
            return;
        }
        Content content = new Content();
        for (String mediaType : consumes == null ? new String[] {"*/*"} : consumes.value()) {
            content.addMediaType(
                    mediaType,
                    new MediaType().schema(new Schema<>().type("string").format("binary")));
        }
        body.setContent(content);
    }

    private static boolean hasSchema(ApiResponse response) {
        return response.getContent() != null
                && response.getContent().values().stream()
                        .map(MediaType::getSchema)
                        .anyMatch(s -> s != null);
    }

    private static ApiResponse describe(ApiResponse response, String description) {
        if (response.getDescription() == null || DEFAULT_DESCRIPTION.equals(response.getDescription())) {
            response.setDescription(description);
        }
        return response;
    }

    private static boolean acceptsBasic(Class<?> resource, Method method) {
        return method.isAnnotationPresent(BasicAuthRoute.class) || resource.isAnnotationPresent(BasicAuthRoute.class);
    }

    private static boolean isPublic(Class<?> resource, Method method) {
        return method.isAnnotationPresent(PublicRoute.class) || resource.isAnnotationPresent(PublicRoute.class);
    }
}
