package io.metacortex.finance.internal.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV statements with a column mapping: rows, problems, stable hashes. */
class CsvReaderTest {

    private static CsvMapping mapping(String date, String amount, String description) {
        return new CsvMapping(date, amount, null, null, description, null, null, null, null, null);
    }

    @Test
    void rowsByHeaderNamesWithQuotedFieldsAndStableHashes() throws Exception {
        String csv = "Date,Amount,Text\r\n"
                + "2026-11-02,-3.50,\"Coffee, large\"\r\n"
                + "2026-11-02,-3.50,\"Coffee, large\"\r\n"
                + "2026-11-03,1200,\"Salary \"\"November\"\"\nsecond line\"\r\n";

        CsvReader.Result result = CsvReader.read(csv, mapping("date", "AMOUNT", "Text"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows())
                .extracting(r -> r.line() + " " + r.bookedOn() + " " + r.amount() + " " + r.description())
                .containsExactly(
                        "2 2026-11-02 -3.50 Coffee, large",
                        "3 2026-11-02 -3.50 Coffee, large",
                        "4 2026-11-03 1200 Salary \"November\"\nsecond line");
        List<String> ids = result.rows().stream().map(CsvRow::externalId).toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("csv:[0-9a-f]{32}"));
        assertThat(CsvReader.read(csv, mapping("date", "AMOUNT", "Text")).rows())
                .extracting(CsvRow::externalId)
                .as("the same file gives the same ids")
                .isEqualTo(ids);
    }

    @Test
    void columnNumbersDebitAndCreditADecimalCommaAndADateFormat() throws Exception {
        String csv = "02.11.2026;Bakery;1.234,50;\n03.11.2026;Refund;;(12,00)\n";
        CsvMapping m = new CsvMapping("1", null, "3", "4", "2", "2", "dd.MM.yyyy", ",", ";", false);

        CsvReader.Result result = CsvReader.read(csv, m);

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows())
                .extracting(r -> r.bookedOn() + " " + r.amount().toPlainString() + " " + r.merchant())
                .containsExactly("2026-11-02 -1234.50 Bakery", "2026-11-03 -12.00 Refund");
    }

    @Test
    void problemsNameTheLineAndColumn() throws Exception {
        String csv = "Date,Amount,Text\n2026-11-31,-1,a\n2026-11-02,ten,b\n2026-11-03,-1.23456,c\n2026-11-04,2,ok\n";

        CsvReader.Result result = CsvReader.read(csv, mapping("Date", "Amount", "Text"));

        assertThat(result.rows()).hasSize(1);
        assertThat(result.problems())
                .containsExactly(
                        new CsvProblem(2, "date", "\"2026-11-31\" is not a date in the mapped format"),
                        new CsvProblem(
                                3,
                                "amount",
                                "\"ten\" is not an amount with at most 15 digits before and 4 after the decimal"
                                        + " separator"),
                        new CsvProblem(
                                4,
                                "amount",
                                "\"-1.23456\" is not an amount with at most 15 digits before and 4 after the"
                                        + " decimal separator"));
    }

    @Test
    void aMappingThatDoesNotFitTheFileNamesItsEntry() {
        String csv = "Date,Amount,Text\n2026-11-02,1,a\n";

        assertThatThrownBy(() -> CsvReader.read(csv, mapping("Datum", "Amount", "Text")))
                .isInstanceOfSatisfying(
                        CsvReader.MappingException.class,
                        e -> assertThat(e.field()).isEqualTo("mapping.date"));
        assertThatThrownBy(() -> CsvReader.read(csv, mapping("Date", null, "Text")))
                .isInstanceOfSatisfying(
                        CsvReader.MappingException.class,
                        e -> assertThat(e.field()).isEqualTo("mapping.amount"));
        assertThatThrownBy(() -> CsvReader.read(csv, null)).isInstanceOf(CsvReader.MappingException.class);
        assertThatThrownBy(() -> CsvReader.read(
                        csv, new CsvMapping("Date", "Amount", null, null, "Text", null, "qqq{", null, null, null)))
                .isInstanceOfSatisfying(
                        CsvReader.MappingException.class,
                        e -> assertThat(e.field()).isEqualTo("mapping.dateFormat"));
        assertThatThrownBy(() -> CsvReader.read(
                        csv, new CsvMapping("Date", "Amount", null, null, "Text", null, null, ";", null, null)))
                .isInstanceOfSatisfying(
                        CsvReader.MappingException.class,
                        e -> assertThat(e.field()).isEqualTo("mapping.decimalSeparator"));
    }

    @Test
    void anOpenQuoteIsRefusedWithItsLine() {
        assertThatThrownBy(() -> CsvReader.read("Date,Amount,Text\n2026-11-02,1,\"open\n", mapping("1", "2", "3")))
                .isInstanceOf(StatementException.class)
                .hasMessage("line 2: a quoted field is never closed");
        assertThatThrownBy(() -> CsvReader.read("Date,Amount,Text\n2026-11-02,1,\"a\"b\n", mapping("1", "2", "3")))
                .hasMessage("line 2: text after the closing quote of a field");
    }
}
