package io.metacortex.finance.internal.plaid;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.finance.internal.Balance;
import io.metacortex.finance.internal.ExternalAccount;
import io.metacortex.finance.internal.ImportedTransaction;
import io.metacortex.finance.internal.Ledger;
import io.metacortex.finance.internal.LedgerBatch;
import io.metacortex.finance.internal.LedgerResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * {@link PlaidLedger} over the plugin's {@link Ledger}. Plaid's accounts become accounts of source {@code plaid} with
 * {@code external_id} = {@code account_id} and {@code plaid_item_id} = the item; their kind comes from Plaid's {@code
 * type}/{@code subtype}. Balances: Plaid reports what a credit card or loan owes as a positive number; the ledger, whose
 * negative is money leaving, stores it negated, as it stores an asset's balance as it is.
 */
final class LedgerPlaidLedger implements PlaidLedger {

    private static final Set<String> OWED = Set.of("credit", "loan");
    private static final int MAX_NAME = 100;

    private final Ledger ledger;
    private final Clock clock;

    LedgerPlaidLedger(Ledger ledger, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public Applied apply(
            Handle handle,
            UUID user,
            UUID itemId,
            List<JsonNode> accounts,
            List<PlaidTransaction> upserts,
            Map<String, String> removed) {
        Map<String, Long> ids = storedAccounts(handle, user, itemId);
        Map<String, Balance> balances = new HashMap<>();
        for (JsonNode account : accounts) {
            String currency = account.path("balances").path("iso_currency_code").asText("");
            String externalId = account.path("account_id").asText("");
            if (currency.length() != 3 || externalId.isEmpty()) {
                continue;
            }
            Optional<Long> id = account(handle, user, itemId, account, currency);
            if (id.isPresent()) {
                ids.put(externalId, id.get());
                balance(account).ifPresent(balance -> balances.put(externalId, balance));
            }
        }
        Map<String, List<ImportedTransaction>> byAccount = new LinkedHashMap<>();
        for (PlaidTransaction t : upserts) {
            if (!ids.containsKey(t.accountId())) {
                throw new IllegalStateException("A transaction of an account Plaid did not list; nothing applied");
            }
            byAccount
                    .computeIfAbsent(t.accountId(), a -> new ArrayList<>())
                    .add(new ImportedTransaction(
                            t.transactionId(), t.amount(), t.date(), t.description(), t.merchant(), t.pending()));
        }
        Map<String, List<String>> removedByAccount = new HashMap<>();
        removed.forEach((transactionId, accountId) -> {
            for (String account : accountId == null || !ids.containsKey(accountId) ? ids.keySet() : Set.of(accountId)) {
                removedByAccount
                        .computeIfAbsent(account, a -> new ArrayList<>())
                        .add(transactionId);
            }
        });
        int added = 0;
        int modified = 0;
        int gone = 0;
        for (Map.Entry<String, Long> account : ids.entrySet()) {
            String externalId = account.getKey();
            List<ImportedTransaction> rows = byAccount.getOrDefault(externalId, List.of());
            List<String> removals = removedByAccount.getOrDefault(externalId, List.of());
            Balance balance = balances.get(externalId);
            if (rows.isEmpty() && removals.isEmpty() && balance == null) {
                continue;
            }
            LedgerResult result =
                    ledger.apply(handle, user, account.getValue(), new LedgerBatch(rows, removals, balance));
            added += result.added();
            modified += result.modified();
            gone += result.removed();
        }
        return new Applied(added, modified, gone);
    }

    @Override
    public void detachItem(Handle handle, UUID user, UUID itemId) {
        handle.createUpdate("UPDATE accounts SET plaid_item_id = NULL, updated_at = now()"
                        + " WHERE user_id = :user AND plaid_item_id = :item")
                .bind("user", user)
                .bind("item", itemId)
                .execute();
    }

    /** The item's accounts stored before: Plaid {@code account_id} to the ledger's id. */
    private static Map<String, Long> storedAccounts(Handle handle, UUID user, UUID itemId) {
        Map<String, Long> ids = new LinkedHashMap<>();
        handle.createQuery("SELECT external_id, id FROM accounts"
                        + " WHERE user_id = :user AND source = 'plaid' AND plaid_item_id = :item ORDER BY id")
                .bind("user", user)
                .bind("item", itemId)
                .map((rs, ctx) -> Map.entry(rs.getString("external_id"), rs.getLong("id")))
                .forEach(entry -> ids.put(entry.getKey(), entry.getValue()));
        return ids;
    }

    /**
     * The ledger's account of a Plaid account, created when new ({@link Ledger#account}).
     *
     * @return its id, or empty when Plaid's currency is not one the ledger knows
     */
    private Optional<Long> account(Handle handle, UUID user, UUID itemId, JsonNode account, String currency) {
        String name = account.path("name").asText("").strip();
        if (name.isEmpty()) {
            name = account.path("official_name").asText("Plaid account").strip();
        }
        ExternalAccount external;
        try {
            external = new ExternalAccount(
                    "plaid",
                    account.path("account_id").asText(),
                    name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name,
                    currency,
                    kind(
                            account.path("type").asText(""),
                            account.path("subtype").asText("")),
                    itemId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(ledger.account(handle, user, external).id());
    }

    /** Plaid's {@code type} and {@code subtype} as the ledger's kind. */
    static String kind(String type, String subtype) {
        return switch (type) {
            case "depository" ->
                "savings".equals(subtype) || "cd".equals(subtype) || "money market".equals(subtype)
                        ? "savings"
                        : "checking";
            case "credit" -> "credit";
            case "loan" -> "loan";
            case "investment", "brokerage" -> "investment";
            default -> "other";
        };
    }

    private Optional<Balance> balance(JsonNode account) {
        JsonNode balances = account.path("balances");
        if (!balances.path("current").isNumber()) {
            return Optional.empty();
        }
        boolean owed = OWED.contains(account.path("type").asText(""));
        BigDecimal current = signed(balances.path("current").decimalValue(), owed);
        BigDecimal available = balances.path("available").isNumber()
                ? signed(balances.path("available").decimalValue(), false)
                : null;
        return Optional.of(new Balance(current, available, clock.instant()));
    }

    private static BigDecimal signed(BigDecimal amount, boolean owed) {
        return owed ? amount.negate() : amount;
    }
}
