package io.metacortex.calendar.internal.ics;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Writes components as iCalendar text: CRLF line ends, lines folded at 75 octets without splitting a character. */
public final class IcsWriter {

    private static final int MAX_OCTETS = 75;

    private IcsWriter() {}

    public static String write(List<Component> components) {
        StringBuilder out = new StringBuilder();
        components.forEach(component -> write(component, out));
        return out.toString();
    }

    public static String write(Component component) {
        return write(List.of(component));
    }

    private static void write(Component component, StringBuilder out) {
        fold("BEGIN:" + component.name(), out);
        for (Property property : component.properties()) {
            fold(line(property), out);
        }
        component.children().forEach(child -> write(child, out));
        fold("END:" + component.name(), out);
    }

    private static String line(Property property) {
        StringBuilder line = new StringBuilder(property.name());
        for (Map.Entry<String, String> parameter : property.parameters().entrySet()) {
            line.append(';').append(parameter.getKey()).append('=');
            line.append(parameter.getValue());
        }
        return line.append(':').append(property.value()).toString();
    }

    private static void fold(String line, StringBuilder out) {
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_OCTETS) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
