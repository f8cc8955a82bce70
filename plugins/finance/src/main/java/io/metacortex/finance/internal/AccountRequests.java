package io.metacortex.finance.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/** Checks account requests: 422 naming every field at fault. */
final class AccountRequests {

    static final Set<String> KINDS = Set.of("checking", "savings", "credit", "loan", "investment", "cash", "other");
    static final Set<String> SOURCES = Set.of("manual", "ofx", "csv", "plaid");
    static final int MAX_NAME = 100;

    private AccountRequests() {}

    static AccountDraft forCreate(AccountRequest request) {
        if (request == null) {
            throw ApiException.missingBody("the account's name and currency");
        }
        FieldErrors errors = new FieldErrors();
        String name = name(request.name(), errors);
        String currency = Money.currency(request.currency(), "currency", errors).orElse(null);
        String kind = kind(request.kind() == null ? "checking" : request.kind(), errors);
        BigDecimal balance = request.balance() == null
                ? null
                : Money.parse(request.balance(), "balance", errors).orElse(null);
        errors.throwIfAny(ApiException::invalidBody);
        return new AccountDraft(name, currency, kind, balance);
    }

    static AccountDraft forUpdate(Account current, AccountRequest request) {
        if (request == null) {
            throw ApiException.missingBody("the account's fields to change");
        }
        FieldErrors errors = new FieldErrors();
        String name = request.name() == null ? current.name() : name(request.name(), errors);
        String kind = request.kind() == null ? current.kind() : kind(request.kind(), errors);
        if (request.currency() != null
                && !current.currency().equals(request.currency().strip().toUpperCase(Locale.ROOT))) {
            errors.add(
                    "currency",
                    "cannot change: create another account in "
                            + request.currency().strip());
        }
        BigDecimal balance = request.balance() == null
                ? null
                : Money.parse(request.balance(), "balance", errors).orElse(null);
        errors.throwIfAny(ApiException::invalidBody);
        return new AccountDraft(name, current.currency(), kind, balance);
    }

    private static String name(String value, FieldErrors errors) {
        String name = value == null ? "" : value.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
            errors.add("name", "must have 1 to " + MAX_NAME + " characters");
        }
        return name;
    }

    private static String kind(String value, FieldErrors errors) {
        String kind = value.strip().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            errors.add("kind", "must be one of checking, savings, credit, loan, investment, cash, other");
        }
        return kind;
    }
}
