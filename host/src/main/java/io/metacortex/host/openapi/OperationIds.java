package io.metacortex.host.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Operation ids, derived from the code so that they stay the same from one start, install or version to the next:
 * {@code <part>.<resource>.<name>}. {@code <part>} is the plugin id ({@code me} for the host's {@code /api/me}, and
 * nothing for the admin API, whose resources' paths start with {@code admin}); {@code <resource>} is the resource
 * class's {@code @Path} without its parameters, each segment camel-cased and joined by dots (nothing for a class at
 * the base path); {@code <name>} is {@code @Operation(operationId)} when given, else the Java method's name. So
 * {@code TaskResource#list} at {@code @Path("/")} is {@code tasks.list}, {@code ProjectResource#list} at
 * {@code @Path("projects")} is {@code tasks.projects.list}, and {@code PluginAdminResource#install} at
 * {@code @Path("/admin/plugins")} is {@code admin.plugins.install}.
 *
 * <p>Should two operations of the document still share an id (two resources at the same path with methods of the
 * same name, overloads), each of them takes the id made of its HTTP method and path instead ({@link #makeUnique}):
 * {@code GET /api/tasks/tags/{id}} is {@code tasks.getTagsById}.
 */
final class OperationIds {

    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OperationIds() {}

    /** @return the id of {@code method} of the resource class {@code resource}, in the part {@code prefix} */
    static String of(String prefix, Class<?> resource, Method method) {
        List<String> parts = new ArrayList<>();
        if (!prefix.isEmpty()) {
            parts.add(prefix);
        }
        Path path = resource.getAnnotation(Path.class);
        if (path != null) {
            parts.addAll(staticSegments(path.value()));
        }
        io.swagger.v3.oas.annotations.Operation declared =
                method.getAnnotation(io.swagger.v3.oas.annotations.Operation.class);
        parts.add(declared != null && !declared.operationId().isBlank() ? declared.operationId() : method.getName());
        return String.join(".", parts);
    }

    /**
     * Gives each operation of {@code paths} whose id another operation has too the id of its method and path under
     * its part ({@link #ofPath}); should that still be shared (a plugin named {@code admin} beside the admin API), the
     * id of its method and whole path ({@code GET /api/admin/users} is {@code api.getAdminUsers}).
     */
    static void makeUnique(ObjectNode paths) {
        List<PathOperation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (METHODS.contains(entry.getKey())
                        && entry.getValue() instanceof ObjectNode operation
                        && operation.hasNonNull("operationId")) {
                    operations.add(new PathOperation(entry.getKey(), path.getKey(), operation));
                }
            }
        }
        renameShared(operations, operation -> ofPath(operation.method(), operation.path()));
        renameShared(operations, operation -> ofWholePath(operation.method(), operation.path()));
    }

    /** @return {@code <part>.<method><Path>}: {@code GET /api/tasks/tags/{id}} gives {@code tasks.getTagsById} */
    static String ofPath(String httpMethod, String path) {
        List<String> segments = segments(path);
        if (!segments.isEmpty() && segments.get(0).equals("api")) {
            segments.remove(0);
        }
        return pathId(httpMethod, segments);
    }

    private static String ofWholePath(String httpMethod, String path) {
        return pathId(httpMethod, segments(path));
    }

    private record PathOperation(String method, String path, ObjectNode node) {}

    private static void renameShared(List<PathOperation> operations, Function<PathOperation, String> rename) {
        Map<String, List<PathOperation>> byId = new HashMap<>();
        for (PathOperation operation : operations) {
            byId.computeIfAbsent(operation.node().get("operationId").asText(), id -> new ArrayList<>())
                    .add(operation);
        }
        for (List<PathOperation> sharing : byId.values()) {
            if (sharing.size() > 1) {
                sharing.forEach(operation -> operation.node().put("operationId", rename.apply(operation)));
            }
        }
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>(List.of(path.split("/")));
        segments.removeIf(String::isEmpty);
        return segments;
    }

    private static String pathId(String httpMethod, List<String> segments) {
        StringBuilder id = new StringBuilder();
        if (!segments.isEmpty()) {
            id.append(camel(segments.get(0))).append('.');
        }
        id.append(httpMethod.toLowerCase(Locale.ROOT));
        for (String segment : segments.subList(Math.min(1, segments.size()), segments.size())) {
            id.append(
                    segment.startsWith("{")
                            ? "By" + capitalised(camel(segment.replaceAll("[{}]", "")))
                            : capitalised(camel(segment)));
        }
        return id.toString();
    }

    private static List<String> staticSegments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isBlank() && !segment.startsWith("{")) {
                segments.add(camel(segment));
            }
        }
        return segments;
    }

    /** {@code check-ins} gives {@code checkIns}. */
    private static String camel(String segment) {
        StringBuilder camel = new StringBuilder();
        for (String word : segment.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                camel.append(camel.length() == 0 ? word : capitalised(word));
            }
        }
        return camel.toString();
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
