package io.metacortex.finance.internal.statement;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.finance.internal.ImportedTransaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OFX 1.x SGML, OFX 2.x XML and QFX, from the specification's examples (src/test/resources/ofx/README.md). */
class OfxReaderTest {

    static byte[] resource(String name) {
        try (InputStream in = OfxReaderTest.class.getResourceAsStream("/ofx/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lines(OfxStatement statement) {
        return String.join(
                "\n",
                statement.transactions().stream()
                        .map(t -> t.externalId() + " " + t.bookedOn() + " " + t.amount() + " " + t.description() + " / "
                                + t.merchant())
                        .toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bank-statement-v1.ofx", "bank-statement-v2.ofx"})
    void theSpecificationsBankStatementInBothVersions(String file) throws Exception {
        List<OfxStatement> statements = OfxReader.read(resource(file));

        assertThat(statements).hasSize(1);
        OfxStatement statement = statements.get(0);
        assertThat(statement.accountId()).isEqualTo("999988");
        assertThat(statement.accountType()).isEqualTo("CHECKING");
        assertThat(statement.currency()).isEqualTo("USD");
        assertThat(lines(statement))
                .isEqualTo("00002 2005-10-04 -200.00  / null\n"
                        + "00003 2005-10-20 -300.00 ATM Main St & 5th — Cash withdrawal / ATM Main St & 5th");
        assertThat(statement.ledgerBalance()).isEqualByComparingTo("200.29");
        assertThat(statement.availableBalance()).isEqualByComparingTo("200.29");
        assertThat(statement.balanceDay()).isEqualTo(LocalDate.parse("2005-10-29"));
    }

    @Test
    void aQfxCreditCardStatementWithIntuitElementsAndADecimalComma() throws Exception {
        OfxStatement statement = OfxReader.read(resource("creditcard.qfx")).get(0);

        assertThat(statement.accountId()).isEqualTo("4011222233334444");
        assertThat(statement.accountType()).isEqualTo("CREDITCARD");
        assertThat(statement.transactions())
                .extracting(ImportedTransaction::amount)
                .map(Object::toString)
                .containsExactly("-49.95", "20.00");
        assertThat(statement.ledgerBalance()).isEqualByComparingTo("-29.95");
    }

    private static String problem(String ofx) {
        try {
            OfxReader.read(ofx.getBytes(StandardCharsets.UTF_8));
        } catch (StatementException e) {
            return e.getMessage();
        }
        throw new AssertionError("read without a problem: " + ofx);
    }

    private static final String V2 = "<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"211\"?>\n";

    @Test
    void malformedFilesAreRefusedNamingTheLineAndElement() {
        String statement = new String(resource("bank-statement-v2.ofx"), StandardCharsets.UTF_8);

        assertThat(problem(statement.replace("<TRNAMT>-300.00</TRNAMT>", "<TRNAMT>-3OO.00</TRNAMT>")))
                .isEqualTo("line 42: STMTTRN/TRNAMT: \"-3OO.00\" is not an amount with at most 15 digits before and"
                        + " 4 after the decimal point");
        assertThat(problem(statement.replace("<FITID>00002</FITID>", ""))).isEqualTo("line 31: STMTTRN: no FITID");
        assertThat(problem(statement.replace("<DTPOSTED>20051020</DTPOSTED>", "<DTPOSTED>20051320</DTPOSTED>")))
                .isEqualTo("line 40: STMTTRN/DTPOSTED: \"20051320\" is not an OFX date (YYYYMMDD...)");
        assertThat(problem(statement.replace("</BANKMSGSRSV1>\n</OFX>", "")))
                .startsWith("line ")
                .contains("is never closed");
        assertThat(problem(statement.replace("</STMTTRNRS>", "</STMTTRNRSX>")))
                .isEqualTo("line 57: </STMTTRNRSX> closes no open aggregate");
        assertThat(problem(statement.replace("<CURDEF>USD</CURDEF>", ""))).isEqualTo("line 21: STMTRS: no CURDEF");
        assertThat(problem(V2 + "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR</CURDEF>"
                        + "<BANKACCTFROM><ACCTID>1</ACCTID></BANKACCTFROM><STMTTRN><CURRENCY><CURRATE>1.1</CURRATE>"
                        + "<CURSYM>USD</CURSYM></CURRENCY></STMTTRN></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>"))
                .contains("a transaction in another currency than the statement's CURDEF is not supported");
    }

    @Test
    void whatIsNotOfxIsRefused() {
        assertThat(problem("Date,Amount\n2026-01-01,12\n")).startsWith("line 1: not an OFX file");
        assertThat(problem(V2 + "<NOTOFX></NOTOFX>"))
                .isEqualTo("line 3: the first element must be <OFX>, not <NOTOFX>");
        assertThat(problem(V2)).isEqualTo("line 2: the file has no <OFX> element");
        assertThat(problem(V2 + "<OFX>text</OFX>"))
                .isEqualTo("line 3: <OFX> must hold the messages' aggregates, not text");
        assertThat(problem(V2 + "<OFX></OFX> more")).isEqualTo("line 3: text outside of any element: more");
        assertThat(problem(V2 + "<CODE>0</CODE>")).isEqualTo("line 3: <CODE> outside of the <OFX> element");
        assertThat(problem("OFXHEADER:100\nDATA:OFXSGML\n\n<OFX>\n<BANKMSGSRSV1>\n<STMTTRN>\n"))
                .isEqualTo("line 6: <STMTTRN> outside of a statement");
        assertThat(problem(V2 + "<OFX><BAD TAG>")).isEqualTo("line 3: <BAD TAG> is not an OFX tag");
    }

    @Test
    void anEmptyStatementListIsNoProblemForTheReader() throws Exception {
        assertThat(OfxReader.read(
                        (V2 + "<OFX><SIGNONMSGSRSV1></SIGNONMSGSRSV1></OFX>").getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }
}
