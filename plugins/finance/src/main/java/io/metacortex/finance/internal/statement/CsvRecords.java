package io.metacortex.finance.internal.statement;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by one delimiter character, optionally quoted with {@code "} (a quoted field may
 * hold the delimiter, line breaks and doubled quotes), records ended by CRLF or LF. Each record keeps the line it
 * starts on, for error messages.
 */
final class CsvRecords {

    /** One record: its fields, and the 1-based line it starts on. */
    record Row(int line, List<String> fields) {}

    private CsvRecords() {}

    /** @throws StatementException for a quote left open, or text after a closing quote */
    static List<Row> parse(String text, char delimiter) throws StatementException {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        int i = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            i = 1; // byte order mark
        }
        boolean quoted = false;
        boolean afterQuote = false;
        int quoteLine = 0;
        while (i < n) {
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < n && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !afterQuote) {
                quoted = true;
                quoteLine = line;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i < n && text.charAt(i) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                    rows.add(new Row(rowLine, List.copyOf(fields)));
                }
                fields.clear();
                line++;
                rowLine = line;
            } else if (afterQuote) {
                throw StatementException.at(line, "text after the closing quote of a field");
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw StatementException.at(quoteLine, "a quoted field is never closed");
        }
        fields.add(field.toString());
        if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }
}
