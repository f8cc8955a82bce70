package io.metacortex.finance.internal.plaid;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A transaction of {@code /transactions/sync}'s {@code added} or {@code modified}, in the ledger's terms: Plaid's
 * {@code amount} is positive for money leaving the account, the ledger's negative, so it is negated; the currency is
 * {@code iso_currency_code}; the day is {@code date} (the posted day, or for a pending one the day it was
 * initiated); the description is {@code name}, the merchant {@code merchant_name}.
 *
 * @param transactionId Plaid's {@code transaction_id}, the ledger's external id
 * @param accountId Plaid's {@code account_id}
 */
record PlaidTransaction(
        String transactionId,
        String accountId,
        BigDecimal amount,
        String currency,
        LocalDate date,
        String description,
        String merchant,
        boolean pending) {

    /**
     * @return the transaction, or empty when it has no ISO 4217 currency (Plaid then gives {@code
     *     unofficial_currency_code}, e.g. for crypto-currencies, which the ledger does not hold)
     * @throws IllegalArgumentException when a field the ledger needs is missing or malformed
     */
    static Optional<PlaidTransaction> of(JsonNode json) {
        String id = required(json, "transaction_id");
        String account = required(json, "account_id");
        JsonNode iso = json.path("iso_currency_code");
        if (!iso.isTextual() || iso.asText().length() != 3) {
            return Optional.empty();
        }
        JsonNode amount = json.path("amount");
        if (!amount.isNumber()) {
            throw new IllegalArgumentException("transaction " + id + " has no numeric amount");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(required(json, "date"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("transaction " + id + " has a malformed date", e);
        }
        String name = json.path("name").asText("");
        return Optional.of(new PlaidTransaction(
                id,
                account,
                amount.decimalValue().negate(),
                iso.asText(),
                date,
                name.isEmpty() ? json.path("original_description").asText("") : name,
                json.path("merchant_name").isTextual()
                        ? json.path("merchant_name").asText()
                        : null,
                json.path("pending").asBoolean(false)));
    }

    private static String required(JsonNode json, String field) {
        JsonNode value = json.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("a transaction of Plaid's answer has no " + field);
        }
        return value.asText();
    }
}
