package io.metacortex.host.finance;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The finance plugin installed alone in a running host: its bundle passes the code check with its statement parsers
 * embedded, migrates its schema, and serves accounts, statement imports, transactions and the spending report over
 * HTTP, per user, money as decimal strings.
 */
class FinanceThroughHostTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    private static String otherUser;

    @BeforeAll
    static void start() {
        Reply installed = RUNNING.host().install(Fixtures.FINANCE, Fixtures.FINANCE_PERMISSIONS);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        otherUser = RUNNING.host().createUserWithToken("other@example.com", "Otto Other");
    }

    @BeforeEach
    void empty() {
        DatabaseSnapshot.execute(RUNNING.database(), "DELETE FROM plugin_finance.accounts");
    }

    @Test
    void itIsActive() {
        Reply plugins = RUNNING.host().admin("GET", "/admin/plugins", null);

        assertThat(plugins.json().get("plugins").findValuesAsText("id")).containsExactly("finance");
        assertThat(plugins.json().get("plugins").get(0).get("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void accountsPerUserWithExactBalances() {
        Reply created = RUNNING.host().postJson("/api/finance/accounts", """
                {"name": "Checking", "currency": "eur", "balance": "1234.5"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("currency").asText()).isEqualTo("EUR");
        assertThat(created.json().get("currentBalance").isTextual()).isTrue();
        assertThat(created.json().get("currentBalance").asText()).isEqualTo("1234.50");
        String path = "/api/finance/accounts/" + created.json().get("id").asLong();

        assertThat(RUNNING.host().get(path).status()).isEqualTo(200);
        assertThat(RUNNING.host().as(otherUser, "GET", path, null).status()).isEqualTo(404);
        assertThat(RUNNING.host().as(otherUser, "DELETE", path, null).status()).isEqualTo(404);

        Reply invalid = RUNNING.host().postJson("/api/finance/accounts", """
                {"name": "", "currency": "XXY", "balance": 12.5}""");
        assertThat(invalid.status()).as(invalid.body()).isIn(400, 422);
    }

    private static final String OFX = String.join(
            "\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<?OFX OFXHEADER=\"200\" VERSION=\"211\" SECURITY=\"NONE\" OLDFILEUID=\"NONE\" NEWFILEUID=\"NONE\"?>",
            "<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1</TRNUID><STMTRS><CURDEF>USD</CURDEF>",
            "<BANKACCTFROM><BANKID>121099999</BANKID><ACCTID>999988</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE>"
                    + "</BANKACCTFROM>",
            "<BANKTRANLIST><DTSTART>20051001</DTSTART><DTEND>20051028</DTEND>",
            "<STMTTRN><TRNTYPE>CHECK</TRNTYPE><DTPOSTED>20051004</DTPOSTED><TRNAMT>-200.00</TRNAMT>"
                    + "<FITID>00002</FITID><CHECKNUM>1000</CHECKNUM></STMTTRN>",
            "<STMTTRN><TRNTYPE>ATM</TRNTYPE><DTPOSTED>20051020</DTPOSTED><TRNAMT>-300.00</TRNAMT>"
                    + "<FITID>00003</FITID><NAME>ATM</NAME></STMTTRN>",
            "</BANKTRANLIST><LEDGERBAL><BALAMT>200.29</BALAMT><DTASOF>20051029</DTASOF></LEDGERBAL>",
            "</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>",
            "");

    private static Reply importOfx(String path, String token, String ofx) {
        HttpRequest.Builder request = HttpRequest.newBuilder(RUNNING.host().uri(path + "/imports/ofx"))
                .header("Content-Type", "application/x-ofx")
                .POST(HttpRequest.BodyPublishers.ofString(ofx));
        return RUNNING.host()
                .send(
                        token == null
                                ? RUNNING.host().asUser(request)
                                : request.header("Authorization", "Bearer " + token));
    }

    @Test
    void anOfxStatementImportedTwiceOverHttpAddsItsTransactionsOnce() {
        Reply created = RUNNING.host().postJson("/api/finance/accounts", """
                {"name": "Checking", "currency": "USD"}""");
        String path = "/api/finance/accounts/" + created.json().get("id").asLong();

        Reply first = importOfx(path, null, OFX);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("added").asInt()).isEqualTo(2);
        Reply again = importOfx(path, null, OFX);
        assertThat(again.json().get("added").asInt()).isZero();
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(2);
        assertThat(RUNNING.host().get(path).json().get("currentBalance").asText())
                .isEqualTo("200.29");

        Reply list = RUNNING.host().get("/api/finance/transactions?limit=1");
        assertThat(list.json().get("items").get(0).get("amount").asText()).isEqualTo("-300.00");
        assertThat(list.json().get("nextCursor").isTextual()).isTrue();

        Reply report = RUNNING.host().get("/api/finance/reports/spending?from=2005-10-01&to=2005-10-31&groupBy=month");
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json()
                        .get("currencies")
                        .get(0)
                        .get("totals")
                        .get("spent")
                        .asText())
                .isEqualTo("500.00");

        Reply malformed = importOfx(path, null, OFX.replace("<TRNAMT>-300.00</TRNAMT>", "<TRNAMT>x</TRNAMT>"));
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(422);
        assertThat(malformed.json().get("detail").asText()).startsWith("line 7: STMTTRN/TRNAMT");
        assertThat(importOfx(path, otherUser, OFX).status()).isEqualTo(404);
        assertThat(RUNNING.host()
                        .as(otherUser, "GET", "/api/finance/transactions", null)
                        .json()
                        .get("items"))
                .isEmpty();
    }
}
