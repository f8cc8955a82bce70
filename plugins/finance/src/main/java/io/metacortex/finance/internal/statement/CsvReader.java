package io.metacortex.finance.internal.statement;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a CSV statement with the user's {@link CsvMapping}: every row becomes a {@link CsvRow} or one {@link
 * CsvProblem} per field at fault. Each row's external id is a stable hash of its date, amount and description plus
 * the occurrence of that same triple within the file (so two identical coffees on one day stay two transactions,
 * and importing the same file again matches both).
 */
public final class CsvReader {

    /** What a file gave: the rows that can be imported, and the problems of those that cannot. */
    public record Result(List<CsvRow> rows, List<CsvProblem> problems) {}

    /** A mapping that does not fit the file: {@code field} names the mapping's entry, e.g. {@code mapping.amount}. */
    public static final class MappingException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String field;

        MappingException(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public static final int MAX_ROWS = 50_000;
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d{1,15}(\\.\\d{1,4})?");

    private CsvReader() {}

    /**
     * @throws MappingException when the mapping names a column the file does not have, or is incomplete
     * @throws StatementException when the file is not CSV (a quote left open)
     */
    public static Result read(String content, CsvMapping mapping) throws MappingException, StatementException {
        if (mapping == null) {
            throw new MappingException("mapping", "is required: which columns hold date, amount and description");
        }
        String delimiter = mapping.delimiter() == null ? "," : mapping.delimiter();
        if (delimiter.length() != 1 || delimiter.equals("\"")) {
            throw new MappingException("mapping.delimiter", "must be one character other than \"");
        }
        DateTimeFormatter dates = formatter(mapping.dateFormat());
        char decimal = decimalSeparator(mapping.decimalSeparator());
        List<CsvRecords.Row> records = CsvRecords.parse(content == null ? "" : content, delimiter.charAt(0));
        boolean header = mapping.header() == null || mapping.header();
        if (records.size() > MAX_ROWS + 1) {
            throw new StatementException("the file has more than " + MAX_ROWS + " rows: split it");
        }
        Map<String, Integer> names = new HashMap<>();
        if (header) {
            if (records.isEmpty()) {
                throw new StatementException("line 1: the file is empty, and has no header row");
            }
            List<String> columns = records.get(0).fields();
            for (int i = 0; i < columns.size(); i++) {
                names.putIfAbsent(columns.get(i).strip().toLowerCase(Locale.ROOT), i);
            }
        }
        Integer date = column("date", mapping.date(), names, header, true);
        Integer amount = column("amount", mapping.amount(), names, header, false);
        Integer debit = column("debit", mapping.debit(), names, header, false);
        Integer credit = column("credit", mapping.credit(), names, header, false);
        Integer description = column("description", mapping.description(), names, header, true);
        Integer merchant = column("merchant", mapping.merchant(), names, header, false);
        if (amount == null && debit == null && credit == null) {
            throw new MappingException("mapping.amount", "is required, unless debit and/or credit are mapped");
        }
        if (amount != null && (debit != null || credit != null)) {
            throw new MappingException("mapping.amount", "maps a signed amount: map debit and credit, or amount");
        }

        List<CsvRow> rows = new ArrayList<>();
        List<CsvProblem> problems = new ArrayList<>();
        Map<String, Integer> occurrences = new LinkedHashMap<>();
        for (CsvRecords.Row record : records.subList(header ? 1 : 0, records.size())) {
            List<CsvProblem> found = new ArrayList<>();
            LocalDate day = date(record, date, dates, found);
            BigDecimal value = amount != null
                    ? number(record, amount, "amount", decimal, found)
                    : credit(record, debit, credit, decimal, found);
            String text = cell(record, description).strip();
            if (text.length() > 1000) {
                found.add(new CsvProblem(record.line(), "description", "is longer than 1000 characters"));
            }
            String payee = merchant == null ? null : cell(record, merchant).strip();
            if (!found.isEmpty()) {
                problems.addAll(found);
                continue;
            }
            String key = day + "|" + value.stripTrailingZeros().toPlainString() + "|" + text;
            int occurrence = occurrences.merge(key, 1, Integer::sum);
            rows.add(new CsvRow(record.line(), day, value, text, payee, "csv:" + hash(key + "#" + occurrence)));
        }
        return new Result(rows, problems);
    }

    private static Integer column(
            String field, String ref, Map<String, Integer> names, boolean header, boolean required)
            throws MappingException {
        if (ref == null || ref.isBlank()) {
            if (required) {
                throw new MappingException("mapping." + field, "is required: a column name or number");
            }
            return null;
        }
        Integer byName = header ? names.get(ref.strip().toLowerCase(Locale.ROOT)) : null;
        if (byName != null) {
            return byName;
        }
        try {
            int number = Integer.parseInt(ref.strip());
            if (number >= 1 && number <= 1000) {
                return number - 1;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MappingException(
                "mapping." + field,
                header
                        ? "names no column of the header row: \"" + OfxTokenizer.cut(ref) + "\""
                        : "must be a column number from 1 (the file has no header row)");
    }

    private static DateTimeFormatter formatter(String pattern) throws MappingException {
        if (pattern == null || pattern.isBlank()) {
            return DateTimeFormatter.ISO_LOCAL_DATE;
        }
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new MappingException("mapping.dateFormat", "is not a date pattern such as dd.MM.yyyy");
        }
    }

    private static char decimalSeparator(String separator) throws MappingException {
        if (separator == null || separator.equals(".")) {
            return '.';
        }
        if (separator.equals(",")) {
            return ',';
        }
        throw new MappingException("mapping.decimalSeparator", "must be . or ,");
    }

    private static String cell(CsvRecords.Row record, int column) {
        return column < record.fields().size() ? record.fields().get(column) : "";
    }

    private static LocalDate date(CsvRecords.Row record, int column, DateTimeFormatter format, List<CsvProblem> found) {
        String value = cell(record, column).strip();
        try {
            return LocalDate.parse(value, format);
        } catch (DateTimeParseException e) {
            found.add(new CsvProblem(
                    record.line(), "date", "\"" + OfxTokenizer.cut(value) + "\" is not a date in the mapped format"));
            return null;
        }
    }

    private static BigDecimal number(
            CsvRecords.Row record, int column, String field, char decimal, List<CsvProblem> found) {
        String value = cell(record, column).strip();
        String plain = value.replace(" ", "").replace("'", "").replace("\u00A0", "");
        plain = decimal == ',' ? plain.replace(".", "").replace(',', '.') : plain.replace(",", "");
        if (plain.startsWith("(") && plain.endsWith(")")) {
            plain = "-" + plain.substring(1, plain.length() - 1); // accounting notation for negatives
        }
        if (!PLAIN_NUMBER.matcher(plain).matches()) {
            found.add(new CsvProblem(
                    record.line(),
                    field,
                    "\"" + OfxTokenizer.cut(value)
                            + "\" is not an amount with at most 15 digits before and 4 after the decimal separator"));
            return null;
        }
        return new BigDecimal(plain);
    }

    /** {@code credit - debit}, each unsigned and either may be empty. */
    private static BigDecimal credit(
            CsvRecords.Row record, Integer debit, Integer credit, char decimal, List<CsvProblem> found) {
        BigDecimal out = debit == null || cell(record, debit).isBlank()
                ? BigDecimal.ZERO
                : number(record, debit, "debit", decimal, found);
        BigDecimal in = credit == null || cell(record, credit).isBlank()
                ? BigDecimal.ZERO
                : number(record, credit, "credit", decimal, found);
        return out == null || in == null ? null : in.subtract(out.abs());
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
