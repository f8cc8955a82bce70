package io.metacortex.finance.internal.statement;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Reads the body of an OFX file, SGML (1.x: elements without end tags) and XML (2.x) alike, as a stream of events:
 * the start and end of aggregates, and elements with their values. An element is a tag followed by text (its end
 * tag, if any, is skipped); a tag followed by another tag opens an aggregate, which its end tag closes (closing the
 * aggregates still open inside it, as SGML allows). Processing instructions, comments and declarations are skipped;
 * the XML entities {@code &lt; &gt; &amp; &quot; &apos;} and numeric references are decoded.
 */
final class OfxTokenizer {

    /** What the tokenizer reports, in document order. */
    interface Handler {
        void startAggregate(String name, int line) throws StatementException;

        void element(String name, String value, int line) throws StatementException;

        void endAggregate(String name, int line) throws StatementException;
    }

    private final String text;
    private int pos;
    private int line = 1;

    OfxTokenizer(String text) {
        this.text = text;
    }

    void read(Handler handler) throws StatementException {
        Deque<String> open = new ArrayDeque<>();
        skipText();
        while (pos < text.length()) {
            int tagLine = line;
            if (text.startsWith("<?", pos) || text.startsWith("<!", pos)) {
                skipDeclaration();
            } else if (text.startsWith("</", pos)) {
                String name = tagName(2);
                if (!open.contains(name)) {
                    throw StatementException.at(tagLine, "</" + name + "> closes no open aggregate");
                }
                while (true) {
                    String closed = open.pop();
                    handler.endAggregate(closed, tagLine);
                    if (closed.equals(name)) {
                        break;
                    }
                }
            } else {
                String name = tagName(1);
                String value = readText();
                if (value.isBlank()) {
                    open.push(name);
                    handler.startAggregate(name, tagLine);
                } else {
                    handler.element(name, decode(value.strip(), tagLine), tagLine);
                    if (text.regionMatches(true, pos, "</" + name + ">", 0, name.length() + 3)) {
                        advanceTo(pos + name.length() + 3);
                    }
                }
            }
            skipText();
        }
        if (!open.isEmpty()) {
            throw StatementException.at(line, "the file ends inside <" + open.peek() + ">, which is never closed");
        }
    }

    private String tagName(int prefix) throws StatementException {
        int start = pos + prefix;
        int end = text.indexOf('>', start);
        if (end < 0) {
            throw StatementException.at(line, "a tag is not closed with >");
        }
        String name = text.substring(start, end).strip().toUpperCase(Locale.ROOT);
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1).strip();
        }
        if (!name.matches("[A-Z0-9_.]{1,32}")) {
            throw StatementException.at(line, "<" + cut(name) + "> is not an OFX tag");
        }
        advanceTo(end + 1);
        return name;
    }

    private String readText() {
        int end = text.indexOf('<', pos);
        if (end < 0) {
            end = text.length();
        }
        String value = text.substring(pos, end);
        advanceTo(end);
        return value;
    }

    private void skipText() throws StatementException {
        String between = readText();
        if (!between.isBlank()) {
            throw StatementException.at(line, "text outside of any element: " + cut(between.strip()));
        }
    }

    private void skipDeclaration() throws StatementException {
        String end = text.startsWith("<!--", pos) ? "-->" : ">";
        int close = text.indexOf(end, pos);
        if (close < 0) {
            throw StatementException.at(line, "a declaration or comment is not closed");
        }
        advanceTo(close + end.length());
    }

    private void advanceTo(int next) {
        for (int i = pos; i < next; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        pos = next;
    }

    private static String decode(String value, int line) throws StatementException {
        if (value.indexOf('&') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            int semicolon = value.indexOf(';', i);
            if (c != '&' || semicolon < 0 || semicolon - i > 10) {
                out.append(c);
                i++;
                continue;
            }
            String entity = value.substring(i + 1, semicolon);
            switch (entity) {
                case "lt" -> out.append('<');
                case "gt" -> out.append('>');
                case "amp" -> out.append('&');
                case "quot" -> out.append('"');
                case "apos" -> out.append('\'');
                default -> {
                    try {
                        int code = entity.startsWith("#x")
                                ? Integer.parseInt(entity.substring(2), 16)
                                : entity.startsWith("#") ? Integer.parseInt(entity.substring(1)) : -1;
                        if (code < 0) {
                            out.append(c);
                            i++;
                            continue;
                        }
                        out.appendCodePoint(code);
                    } catch (IllegalArgumentException e) {
                        throw StatementException.at(line, "&" + cut(entity) + "; is not a character reference");
                    }
                }
            }
            i = semicolon + 1;
        }
        return out.toString();
    }

    static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
