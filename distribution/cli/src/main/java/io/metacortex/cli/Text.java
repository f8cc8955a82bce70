package io.metacortex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** How JSON values read in the human output. */
final class Text {

    private static final int EXCERPT = 300;

    private Text() {}

    /** @return a value as a person reads it: a string without quotes, a list joined by commas, null as "-" */
    static String plain(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "-";
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return "none";
            }
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(plain(item)));
            return String.join(", ", items);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** @return the field of {@code node} as {@link #plain} reads it */
    static String field(JsonNode node, String name) {
        return plain(node.get(name));
    }

    /** @return a finding of the code check in one line, as the host's log says it */
    static String finding(JsonNode finding) {
        String method =
                finding.hasNonNull("method") ? "." + finding.get("method").asText() : "";
        return field(finding, "class") + method + " uses " + field(finding, "call") + " (" + field(finding, "category")
                + ")";
    }

    /** @return the start of a text that may be long (a page that is not JSON), on one line */
    static String excerpt(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "...";
    }
}
