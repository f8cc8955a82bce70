package io.metacortex.finance.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.finance.FinancePlugin;
import io.metacortex.finance.internal.ImportService.CsvRequest;
import io.metacortex.finance.internal.ImportService.ImportResult;
import io.metacortex.finance.internal.statement.CsvMapping;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OFX and CSV imports through the routes, against PostgreSQL: re-imports add nothing, bad files store nothing. */
class ImportTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("finance", FinancePlugin.class);

    private FinanceHarness finance;
    private String usd;

    @BeforeEach
    void anAccount() {
        finance = new FinanceHarness(DB);
        usd = Long.toString(finance.account(ALICE, "USD"));
    }

    static byte[] ofx(String name) {
        try (InputStream in = ImportTest.class.getResourceAsStream("/ofx/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> stored() {
        return DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT external_id || ' ' || booked_on || ' ' || amount || ' '"
                                + " || description FROM transactions ORDER BY booked_on, external_id")
                        .mapTo(String.class)
                        .list());
    }

    @Test
    void anOfx1FileThenTheSameStatementAsOfx2AddsItOnce() {
        ImportResult first = finance.imports().ofx(ALICE, usd, ofx("bank-statement-v1.ofx"));
        ImportResult again = finance.imports().ofx(ALICE, usd, ofx("bank-statement-v2.ofx"));

        assertThat(first).isEqualTo(new ImportResult("ofx", 2, 2, 0, 0));
        assertThat(again).isEqualTo(new ImportResult("ofx", 2, 0, 0, 2));
        assertThat(stored())
                .containsExactly(
                        "00002 2005-10-04 -200.0000 ",
                        "00003 2005-10-20 -300.0000 ATM Main St & 5th — Cash withdrawal");
        Account account = finance.accounts().get(ALICE, usd);
        assertThat(account.currentBalance()).hasToString("200.29");
        assertThat(account.availableBalance()).hasToString("200.29");
        assertThat(account.balanceAsOf()).hasToString("2005-10-29T00:00:00Z");
    }

    @Test
    void aMalformedOfxFileIsRefusedNamingTheProblemAndStoresNothing() {
        String broken = new String(ofx("bank-statement-v2.ofx"), StandardCharsets.UTF_8)
                .replace("<TRNAMT>-300.00</TRNAMT>", "<TRNAMT>lots</TRNAMT>");

        ApiError error =
                failsWith(422, () -> finance.imports().ofx(ALICE, usd, broken.getBytes(StandardCharsets.UTF_8)));

        assertThat(error.error()).isEqualTo("invalid OFX file");
        assertThat(error.detail()).startsWith("line 42: STMTTRN/TRNAMT: \"lots\" is not an amount");
        assertThat(DB.count("transactions")).isZero();
        assertThat(failsWith(422, () -> finance.imports().ofx(ALICE, usd, new byte[0]))
                        .detail())
                .isEqualTo("line 1: the request has no file");
    }

    @Test
    void aStatementInAnotherCurrencyIsRefused() {
        String eur = Long.toString(finance.account(ALICE, "EUR"));

        ApiError error = failsWith(422, () -> finance.imports().ofx(ALICE, eur, ofx("bank-statement-v1.ofx")));

        assertThat(error.detail()).isEqualTo("CURDEF: the statement is in USD, the account in EUR");
        assertThat(DB.count("transactions")).isZero();
    }

    private static final String CSV = "Date,Amount,Text,Payee\n"
            + "2026-11-02,-3.50,Coffee,Cafe Blue\n"
            + "2026-11-02,-3.50,Coffee,Cafe Blue\n"
            + "2026-11-03,1200.00,Salary,ACME\n";

    private static CsvMapping mapping() {
        return new CsvMapping("Date", "Amount", null, null, "Text", "Payee", null, null, null, null);
    }

    @Test
    void csvPreviewStoresNothingThenImportAndReimportAddOnce() {
        ImportService.CsvPreview preview = finance.imports().csvPreview(ALICE, usd, new CsvRequest(CSV, mapping()));
        assertThat(preview.rows()).hasSize(3);
        assertThat(preview.problems()).isEmpty();
        assertThat(DB.count("transactions")).isZero();

        assertThat(finance.imports().csv(ALICE, usd, new CsvRequest(CSV, mapping())))
                .isEqualTo(new ImportResult("csv", 3, 3, 0, 0));
        String longer = CSV + "2026-11-04,-20.00,Books,Shop\n";
        assertThat(finance.imports().csv(ALICE, usd, new CsvRequest(longer, mapping())))
                .isEqualTo(new ImportResult("csv", 4, 1, 0, 3));

        assertThat(stored()).hasSize(4).filteredOn(s -> s.contains("Coffee")).hasSize(2);
    }

    @Test
    void aCsvFileWithABadRowIsRefusedWhollyNamingLineAndColumn() {
        String bad = CSV + "2026-11-31,-1.00,Nope,X\n";

        ImportService.CsvPreview preview = finance.imports().csvPreview(ALICE, usd, new CsvRequest(bad, mapping()));
        assertThat(preview.problems())
                .extracting(p -> p.line() + " " + p.field())
                .containsExactly("5 date");

        ApiError error = failsWith(422, () -> finance.imports().csv(ALICE, usd, new CsvRequest(bad, mapping())));
        assertThat(error.fields()).containsOnlyKeys("line 5 date");
        assertThat(DB.count("transactions")).isZero();

        ApiError mapping = failsWith(
                422,
                () -> finance.imports()
                        .csv(
                                ALICE,
                                usd,
                                new CsvRequest(
                                        CSV,
                                        new CsvMapping(
                                                "When", "Amount", null, null, "Text", null, null, null, null, null))));
        assertThat(mapping.fields()).containsOnlyKeys("mapping.date");
        failsWith(422, () -> finance.imports().csv(ALICE, usd, null));
        failsWith(422, () -> finance.imports().csv(ALICE, usd, new CsvRequest("a,\"b", mapping())));
    }
}
