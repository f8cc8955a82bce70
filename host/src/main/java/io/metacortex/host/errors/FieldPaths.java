package io.metacortex.host.errors;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.List;

/**
 * Names a field inside a request body the same way for type mismatches and for bean-validation failures: object
 * members joined with dots, list elements by index in brackets, e.g. {@code title}, {@code tags[0]},
 * {@code settings.dailyGoal}, {@code items[2].name}.
 */
final class FieldPaths {

    private FieldPaths() {}

    /** @return the path of a JSON value Jackson could not read, or empty for the body itself */
    static String of(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                member(path, reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * @return the path of a bean-validation failure inside the body, or the name of the method parameter when the
     *     failure is about the parameter itself (empty when neither is known)
     */
    static String of(Path violation) {
        StringBuilder path = new StringBuilder();
        String parameter = "";
        for (Path.Node node : violation) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    path.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    member(path, String.valueOf(node.getKey()));
                }
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                member(path, node.getName());
            }
        }
        return path.length() > 0 ? path.toString() : parameter;
    }

    private static void member(StringBuilder path, String name) {
        if (path.length() > 0) {
            path.append('.');
        }
        path.append(name);
    }
}
