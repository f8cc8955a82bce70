package io.metacortex.finance.internal.plaid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A Plaid-compatible fake on loopback: WireMock serving the request and response shapes of Plaid's API reference
 * (sandbox values), with helpers for the answers the tests need. Started on a free port of 127.0.0.1 by the test
 * and stopped by it ({@link #close}), also when the test fails.
 */
final class PlaidFake implements AutoCloseable {

    static final String CLIENT_ID = "test-client-id";
    static final String SECRET = "test-secret-3f1e9a";
    static final String ACCESS_TOKEN = "access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6";
    static final String PUBLIC_TOKEN = "public-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d";
    static final String ITEM_ID = "M5eVJqLnv3tbzdngLDp9FL5OlDNxlNhlE55op";
    static final String CHECKING = "BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp";
    static final String SAVINGS = "dVzbVMLjrxTnLjX4G66XUp5GLklm4oiZy88yK";

    private final WireMockServer server;

    PlaidFake() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The finance plugin's settings pointing at this fake. */
    Map<String, String> settings() {
        return Map.of(
                "plaid.environment",
                "sandbox",
                "plaid.clientId",
                CLIENT_ID,
                "plaid.secret",
                SECRET,
                "plaid.baseUrl",
                baseUrl(),
                "plaid.webhookUrl",
                "https://metacortex.example.org/api/finance/plaid/webhook");
    }

    WireMockServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }

    // --- stubs ---------------------------------------------------------------------------------------------------

    void linkTokenCreated() {
        ok("/link/token/create", """
                {"expiration": "2026-12-07T01:00:00Z",
                 "link_token": "link-sandbox-af1a0311-da53-4636-b754-dd15cc058176",
                 "request_id": "XQVgFigpGHXkb0b"}""");
    }

    void publicTokenExchanged() {
        server.stubFor(endpoint("/item/public_token/exchange")
                .withRequestBody(matchingJsonPath("$.public_token", equalTo(PUBLIC_TOKEN)))
                .willReturn(json(200, """
                        {"access_token": "%s", "item_id": "%s", "request_id": "Aim3b"}""".formatted(ACCESS_TOKEN, ITEM_ID))));
        server.stubFor(endpoint("/item/public_token/exchange")
                .atPriority(10)
                .willReturn(error(
                        400,
                        "INVALID_INPUT",
                        "INVALID_PUBLIC_TOKEN",
                        "provided public token is in an"
                                + " invalid format. expected format: public-<environment>-<identifier>",
                        null)));
    }

    void accounts(String... accounts) {
        server.stubFor(endpoint("/accounts/get")
                .withRequestBody(matchingJsonPath("$.access_token", equalTo(ACCESS_TOKEN)))
                .willReturn(json(200, """
                        {"accounts": [%s],
                         "item": {"available_products": ["balance"], "billed_products": ["transactions"],
                                  "consent_expiration_time": null, "error": null, "institution_id": "ins_109508",
                                  "item_id": "%s", "products": ["transactions"], "update_type": "background",
                                  "webhook": "https://metacortex.example.org/api/finance/plaid/webhook"},
                         "request_id": "bkVE1BHWMAZ9Rnr"}""".formatted(String.join(",", accounts), ITEM_ID))));
    }

    void itemRemoved() {
        ok("/item/remove", "{\"request_id\": \"m8MDnv9okwxFNBV\"}");
    }

    /** {@code /webhook_verification_key/get} for {@code signer}'s key id. */
    void verificationKey(WebhookSigner signer, Long expiredAt) {
        server.stubFor(endpoint("/webhook_verification_key/get")
                .withRequestBody(matchingJsonPath("$.key_id", equalTo(signer.keyId())))
                .willReturn(json(
                        200,
                        "{\"key\": " + signer.jwk(1_560_000_000L, expiredAt)
                                + ", \"request_id\": \"RZ6Omi1bzzwDaLo\"}")));
        server.stubFor(endpoint("/webhook_verification_key/get")
                .atPriority(10)
                .willReturn(
                        error(400, "INVALID_INPUT", "INVALID_WEBHOOK_VERIFICATION_KEY_ID", "invalid key_id", null)));
    }

    /** A page of {@code /transactions/sync} for {@code cursor} (null: none sent). */
    void syncPage(String cursor, String page) {
        server.stubFor(syncFrom(cursor).willReturn(json(200, page)));
    }

    MappingBuilder syncFrom(String cursor) {
        return endpoint("/transactions/sync")
                .withRequestBody(matchingJsonPath("$.access_token", equalTo(ACCESS_TOKEN)))
                .withRequestBody(
                        cursor == null
                                ? matchingJsonPath("$.cursor", absent())
                                : matchingJsonPath("$.cursor", equalTo(cursor)));
    }

    /** For {@code cursor}: first {@code first}, then {@code page} for every later call. */
    void syncPageAfter(
            String cursor, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first, String page) {
        String scenario = "sync-" + cursor;
        server.stubFor(syncFrom(cursor)
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first)
                .willSetStateTo("answered"));
        server.stubFor(syncFrom(cursor)
                .inScenario(scenario)
                .whenScenarioStateIs("answered")
                .willReturn(json(200, page)));
    }

    List<LoggedRequest> requests(String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path)));
    }

    int count(RequestPatternBuilder pattern) {
        return server.countRequestsMatching(pattern.build()).getCount();
    }

    // --- response bodies -----------------------------------------------------------------------------------------

    static String page(
            List<String> added,
            List<String> modified,
            List<String> removed,
            String next,
            boolean more,
            String... accounts) {
        return """
                {"accounts": [%s], "added": [%s], "modified": [%s], "removed": [%s], "has_more": %s,
                 "next_cursor": "%s", "request_id": "45QSn", "transactions_update_status": "HISTORICAL_UPDATE_COMPLETE"}""".formatted(
                        String.join(",", accounts),
                        String.join(",", added),
                        String.join(",", modified),
                        String.join(",", removed),
                        more,
                        next);
    }

    static String account(String id, String name, String current, String available, String currency) {
        return """
                {"account_id": "%s", "balances": {"available": %s, "current": %s, "iso_currency_code": %s,
                 "limit": null, "unofficial_currency_code": %s}, "mask": "0000", "name": "%s",
                 "official_name": "Plaid Gold Standard 0%% Interest Checking", "subtype": "checking",
                 "type": "depository"}""".formatted(
                        id,
                        available,
                        current,
                        currency == null ? "null" : "\"" + currency + "\"",
                        currency == null ? "\"BTC\"" : "null",
                        name);
    }

    /** A transaction as Plaid writes it: {@code amount} positive for money leaving the account. */
    static String transaction(String id, String account, String amount, String date, String name, String merchant) {
        return transaction(id, account, amount, "\"USD\"", date, name, merchant);
    }

    static String transaction(
            String id, String account, String amount, String isoCurrency, String date, String name, String merchant) {
        return """
                {"account_id": "%s", "account_owner": null, "amount": %s, "iso_currency_code": %s,
                 "unofficial_currency_code": %s, "authorized_date": "%s", "authorized_datetime": null,
                 "category": ["Shops", "Supermarkets and Groceries"], "category_id": "19046000", "check_number": null,
                 "date": "%s", "datetime": null, "location": {"address": null, "city": null, "country": null,
                 "lat": null, "lon": null, "postal_code": null, "region": null, "store_number": null},
                 "logo_url": null, "merchant_entity_id": null, "merchant_name": %s, "name": "%s",
                 "payment_channel": "in store", "payment_meta": {"by_order_of": null, "payee": null, "payer": null,
                 "payment_method": null, "payment_processor": null, "ppd_id": null, "reason": null,
                 "reference_number": null}, "pending": false, "pending_transaction_id": null,
                 "personal_finance_category": {"confidence_level": "VERY_HIGH", "detailed":
                 "GENERAL_MERCHANDISE_SUPERSTORES", "primary": "GENERAL_MERCHANDISE"}, "transaction_code": null,
                 "transaction_id": "%s", "transaction_type": "place", "website": null}""".formatted(
                        account,
                        amount,
                        isoCurrency,
                        "null".equals(isoCurrency) ? "\"BTC\"" : "null",
                        date,
                        date,
                        merchant == null ? "null" : "\"" + merchant + "\"",
                        name,
                        id);
    }

    static String removed(String id, String account) {
        return "{\"account_id\": \"" + account + "\", \"transaction_id\": \"" + id + "\"}";
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    static MappingBuilder endpoint(String path) {
        return post(urlEqualTo(path))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.client_id", equalTo(CLIENT_ID)))
                .withRequestBody(matchingJsonPath("$.secret", equalTo(SECRET)));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** Plaid's error object. */
    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
            int status, String type, String code, String message, String displayMessage) {
        return json(status, """
                {"display_message": %s, "documentation_url": "https://plaid.com/docs/errors/", "error_code": "%s",
                 "error_message": "%s", "error_type": "%s", "request_id": "HNTDNrA8F1shFEW", "suggested_action": null}""".formatted(
                        displayMessage == null ? "null" : "\"" + displayMessage + "\"", code, message, type));
    }

    private void ok(String path, String body) {
        server.stubFor(endpoint(path).willReturn(json(200, body)));
    }
}
