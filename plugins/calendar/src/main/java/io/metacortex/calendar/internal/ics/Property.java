package io.metacortex.calendar.internal.ics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One content line: its name (upper-case), its parameters (names upper-case, values as written, quotes included, in
 * order) and its value exactly as written (escapes kept; see {@link #text()} for TEXT values).
 *
 * @param line the physical line it started on in the text it was read from, 0 when built in code
 */
public record Property(String name, Map<String, String> parameters, String value, int line) {

    public Property {
        name = name.toUpperCase(Locale.ROOT);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static Property of(String name, String value) {
        return new Property(name, Map.of(), value, 0);
    }

    public static Property of(String name, Map<String, String> parameters, String value) {
        return new Property(name, parameters, value, 0);
    }

    /** A TEXT property holding {@code text}, escaped as RFC 5545 3.3.11 asks. */
    public static Property text(String name, String text) {
        return of(name, escape(text));
    }

    /** @return the parameter's value without the quotes around it, if the property has the parameter */
    public Optional<String> parameter(String parameterName) {
        return Optional.ofNullable(parameters.get(parameterName.toUpperCase(Locale.ROOT)))
                .map(value -> value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1)
                        : value);
    }

    /** @return {@code value} quoted when it holds a character that would end a parameter value unquoted */
    public static String parameterValue(String value) {
        String clean = value.replace("\"", "'");
        return clean.matches(".*[:;,].*") ? '"' + clean + '"' : clean;
    }

    /** @return the value read as TEXT: {@code \n}, {@code \,}, {@code \;} and {@code \\} unescaped */
    public String text() {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' || next == 'N' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\r\n", "\\n")
                .replace("\n", "\\n");
    }
}
