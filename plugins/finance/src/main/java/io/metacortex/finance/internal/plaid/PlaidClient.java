package io.metacortex.finance.internal.plaid;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metacortex.plugin.api.OutboundHttp;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Plaid's API through the host's outbound client ({@link OutboundHttp}: timeouts, retries, circuit breaker). Each call
 * is a JSON POST carrying {@code client_id} and {@code secret}; the answers are read with exact decimals (amounts
 * are never doubles). Calls that only read ({@code /accounts/get}, {@code /transactions/sync}, {@code
 * /webhook_verification_key/get}) carry an {@value OutboundHttp#IDEMPOTENCY_KEY} header, so that the host retries them
 * after a {@code 429}, {@code 502}, {@code 504} or an I/O error as it retries a GET; the others (exchanging a public
 * token, which works once, removing an item, creating a link token) are retried only where they cannot have reached
 * Plaid. An error answer is a {@link PlaidApiException} with Plaid's error object.
 */
public final class PlaidClient {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int SYNC_PAGE_SIZE = 500;

    private final OutboundHttp http;
    private final PlaidConfig config;

    public PlaidClient(OutboundHttp http, PlaidConfig config) {
        this.http = Objects.requireNonNull(http);
        this.config = Objects.requireNonNull(config);
    }

    /**
     * {@code /link/token/create}: for a new item with the transactions product, or, given an item's access token, for
     * Link's update mode (the user logs in to the bank again; Plaid wants no products then).
     *
     * @param accessToken the item's token for update mode, or null
     * @return the link token and its expiration
     */
    public JsonNode createLinkToken(UUID userId, String accessToken)
            throws IOException, InterruptedException, PlaidApiException {
        ObjectNode body = JSON.createObjectNode();
        body.put("client_name", "MetaCortex");
        body.put("language", "en");
        body.putArray("country_codes").add("US");
        body.putObject("user").put("client_user_id", userId.toString());
        if (accessToken == null) {
            body.putArray("products").add("transactions");
        } else {
            body.put("access_token", accessToken);
        }
        if (config.webhookUrl() != null) {
            body.put("webhook", config.webhookUrl());
        }
        return post("/link/token/create", body, false);
    }

    /** {@code /item/public_token/exchange}. @return {@code access_token} and {@code item_id} */
    public JsonNode exchangePublicToken(String publicToken)
            throws IOException, InterruptedException, PlaidApiException {
        return post("/item/public_token/exchange", JSON.createObjectNode().put("public_token", publicToken), false);
    }

    /** {@code /accounts/get}. @return {@code accounts} and {@code item} */
    public JsonNode getAccounts(String accessToken) throws IOException, InterruptedException, PlaidApiException {
        return post("/accounts/get", JSON.createObjectNode().put("access_token", accessToken), true);
    }

    /**
     * {@code /transactions/sync}: one page from {@code cursor} (null or empty: from the start).
     *
     * @return {@code added}, {@code modified}, {@code removed}, {@code next_cursor}, {@code has_more}
     */
    public JsonNode syncTransactions(String accessToken, String cursor)
            throws IOException, InterruptedException, PlaidApiException {
        ObjectNode body = JSON.createObjectNode().put("access_token", accessToken);
        if (cursor != null && !cursor.isEmpty()) {
            body.put("cursor", cursor);
        }
        body.put("count", SYNC_PAGE_SIZE);
        return post("/transactions/sync", body, true);
    }

    /** {@code /item/remove}: the access token stops working. */
    public void removeItem(String accessToken) throws IOException, InterruptedException, PlaidApiException {
        post("/item/remove", JSON.createObjectNode().put("access_token", accessToken), false);
    }

    /** {@code /webhook_verification_key/get}. @return the {@code key}, a JWK */
    public JsonNode webhookVerificationKey(String keyId) throws IOException, InterruptedException, PlaidApiException {
        return post("/webhook_verification_key/get", JSON.createObjectNode().put("key_id", keyId), true)
                .path("key");
    }

    private JsonNode post(String endpoint, ObjectNode body, boolean idempotent)
            throws IOException, InterruptedException, PlaidApiException {
        ObjectNode request =
                JSON.createObjectNode().put("client_id", config.clientId()).put("secret", config.secret());
        request.setAll(body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(config.endpoint(endpoint))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)));
        if (idempotent) {
            builder.header(OutboundHttp.IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        }
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode answer = parse(response.body());
        if (response.statusCode() != 200) {
            throw new PlaidApiException(endpoint, PlaidError.of(response.statusCode(), answer));
        }
        if (answer == null || !answer.isObject()) {
            throw new PlaidApiException(endpoint, PlaidError.of(502, null));
        }
        return answer;
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
