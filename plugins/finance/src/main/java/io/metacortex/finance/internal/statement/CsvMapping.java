package io.metacortex.finance.internal.statement;

/**
 * Which columns of a CSV file hold what: each a header name (when the file has a header row) or a 1-based column
 * number. {@code date} and {@code description} are required, and either {@code amount} (signed: negative = out) or
 * {@code debit} and/or {@code credit} (unsigned: money out, money in).
 *
 * @param dateFormat a {@link java.time.format.DateTimeFormatter} pattern, e.g. {@code dd.MM.yyyy}; default ISO
 *     {@code yyyy-MM-dd}
 * @param decimalSeparator {@code .} (default) or {@code ,}; the other one, spaces and apostrophes group digits
 * @param delimiter the field separator, one character; default {@code ,}
 * @param header whether the first row names the columns; default true
 */
public record CsvMapping(
        String date,
        String amount,
        String debit,
        String credit,
        String description,
        String merchant,
        String dateFormat,
        String decimalSeparator,
        String delimiter,
        Boolean header) {}
