package io.metacortex.calendar.internal.ics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads iCalendar text (RFC 5545 3.1) into its VCALENDAR components: unfolds lines, splits each content line into
 * name, parameters and value, and checks that BEGIN and END nest. Anything else throws an {@link IcsException} naming
 * the line.
 */
public final class IcsReader {

    private IcsReader() {}

    /** @return the VCALENDAR components of {@code text}, at least one */
    public static List<Component> read(String text) {
        List<Component> calendars = new ArrayList<>();
        Deque<Component> open = new ArrayDeque<>();
        int lastLine = 0;
        for (Line line : unfold(text)) {
            lastLine = line.number();
            Property property = parse(line);
            if (property.name().equals("BEGIN")) {
                Component component = new Component(checkName(property), line.number());
                if (open.isEmpty()) {
                    if (!component.name().equals("VCALENDAR")) {
                        throw new IcsException(
                                line.number(), "expected BEGIN:VCALENDAR, found BEGIN:" + component.name());
                    }
                    calendars.add(component);
                } else {
                    open.peek().children().add(component);
                }
                open.push(component);
            } else if (property.name().equals("END")) {
                String name = checkName(property);
                if (open.isEmpty() || !open.peek().name().equals(name)) {
                    throw new IcsException(
                            line.number(),
                            open.isEmpty()
                                    ? "END:" + name + " without a BEGIN"
                                    : "END:" + name + " where END:"
                                            + open.peek().name() + " was expected");
                }
                open.pop();
            } else if (open.isEmpty()) {
                throw new IcsException(
                        line.number(), property.name() + " outside of BEGIN:VCALENDAR ... END:VCALENDAR");
            } else {
                open.peek().add(property);
            }
        }
        if (!open.isEmpty()) {
            throw new IcsException(
                    lastLine,
                    "BEGIN:" + open.peek().name() + " (line " + open.peek().line() + ") is never ended");
        }
        if (calendars.isEmpty()) {
            throw new IcsException(1, "no BEGIN:VCALENDAR found");
        }
        return calendars;
    }

    private static String checkName(Property property) {
        String name = property.value().strip().toUpperCase(Locale.ROOT);
        if (!name.matches("[A-Z0-9-]+")) {
            throw new IcsException(property.line(), "invalid component name \"" + property.value() + "\"");
        }
        return name;
    }

    private record Line(int number, String text) {}

    private static List<Line> unfold(String text) {
        String[] physical = text.split("\r\n|\n|\r", -1);
        List<Line> lines = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < physical.length; i++) {
            String line = physical[i];
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (current == null) {
                    throw new IcsException(i + 1, "a continuation line with no content line before it");
                }
                current.append(line, 1, line.length());
                continue;
            }
            if (current != null) {
                lines.add(new Line(start, current.toString()));
                current = null;
            }
            if (!line.isEmpty()) {
                current = new StringBuilder(line);
                start = i + 1;
            }
        }
        if (current != null) {
            lines.add(new Line(start, current.toString()));
        }
        return lines;
    }

    /**
     * name *(";" param) ":" value; param = name "=" value *("," value), a value quoted or not. Parameter values are
     * kept as written (quotes included), so that they are written back the same.
     */
    private static Property parse(Line line) {
        String text = line.text();
        int i = 0;
        int n = text.length();
        while (i < n && isNameChar(text.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IcsException(
                    line.number(), "a content line must start with a property name: \"" + shorten(text) + "\"");
        }
        String name = text.substring(0, i);
        Map<String, String> parameters = new LinkedHashMap<>();
        while (i < n && text.charAt(i) == ';') {
            int nameStart = ++i;
            while (i < n && isNameChar(text.charAt(i))) {
                i++;
            }
            if (i == nameStart || i >= n || text.charAt(i) != '=') {
                throw new IcsException(line.number(), "invalid parameter of " + name + ": expected NAME=value");
            }
            String parameter = text.substring(nameStart, i).toUpperCase(Locale.ROOT);
            i++;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (i < n && text.charAt(i) == '"') {
                    int close = text.indexOf('"', i + 1);
                    if (close < 0) {
                        throw new IcsException(line.number(), "unterminated quoted value of parameter " + parameter);
                    }
                    value.append(text, i, close + 1);
                    i = close + 1;
                } else {
                    int startValue = i;
                    while (i < n && text.charAt(i) != ';' && text.charAt(i) != ':' && text.charAt(i) != ',') {
                        if (text.charAt(i) == '"') {
                            throw new IcsException(line.number(), "a quote inside the value of parameter " + parameter);
                        }
                        i++;
                    }
                    value.append(text, startValue, i);
                }
                if (i < n && text.charAt(i) == ',') {
                    value.append(',');
                    i++;
                } else {
                    break;
                }
            }
            parameters.put(parameter, value.toString());
        }
        if (i >= n || text.charAt(i) != ':') {
            throw new IcsException(line.number(), "expected \":\" after the name and parameters of " + name);
        }
        return new Property(name, parameters, text.substring(i + 1), line.number());
    }

    private static boolean isNameChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
