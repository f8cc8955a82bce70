package io.metacortex.finance.internal.statement;

/** Why a row of a CSV file cannot be imported: {@code field} is the mapping's name of the column at fault. */
public record CsvProblem(int line, String field, String message) {}
