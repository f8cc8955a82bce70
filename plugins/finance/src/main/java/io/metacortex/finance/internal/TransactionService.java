package io.metacortex.finance.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import io.metacortex.plugin.support.PageCursor;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Reading transactions, and the user's changes to them: category and splits (imports go through the Ledger). */
public final class TransactionService {

    /** The body of {@code PATCH /api/finance/transactions/{id}}: {@code categoryId} null removes the category. */
    public record CategoryChange(Long categoryId) {}

    /** The body of {@code PUT /api/finance/transactions/{id}/splits}; an empty list removes the splits. */
    public record SplitsRequest(List<SplitRequest> splits) {}

    /** One part: {@code amount} a decimal string; {@code currency}, when given, must be the transaction's. */
    public record SplitRequest(Long categoryId, String amount, String currency, String memo) {}

    static final int MAX_SPLITS = 50;

    private final Jdbi jdbi;
    private final Alerts alerts;

    public TransactionService(Jdbi jdbi, Alerts alerts) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.alerts = Objects.requireNonNull(alerts);
    }

    Page<Transaction> list(UUID user, TransactionQuery query) {
        List<Transaction> rows = jdbi.withHandle(h -> new TransactionDao(h, user).list(query));
        if (rows.size() <= query.limit()) {
            return new Page<>(rows, null);
        }
        List<Transaction> items = List.copyOf(rows.subList(0, query.limit()));
        Transaction last = items.get(items.size() - 1);
        return new Page<>(
                items, new PageCursor(TransactionQuery.ORDER, last.bookedOn().toString(), last.id()).encode());
    }

    Transaction find(UUID user, long id) {
        return jdbi.withHandle(h -> new TransactionDao(h, user).find(id, false))
                .orElseThrow(() -> FinanceErrors.transactionNotFound(id));
    }

    Transaction setCategory(UUID user, long id, CategoryChange change) {
        if (change == null) {
            throw ApiException.missingBody("categoryId");
        }
        return jdbi.inTransaction(h -> {
            TransactionDao transactions = new TransactionDao(h, user);
            Transaction current = transactions.find(id, true).orElseThrow(() -> FinanceErrors.transactionNotFound(id));
            if (change.categoryId() != null && !new CategoryDao(h, user).visible(change.categoryId())) {
                throw ApiException.invalidBody(Map.of("categoryId", "must be the id of one of your categories"));
            }
            Transaction changed =
                    transactions.setCategory(id, change.categoryId()).orElseThrow();
            alerts.budgets(h, user, current.currency(), Set.of(YearMonth.from(current.bookedOn())));
            return changed;
        });
    }

    /**
     * Replaces the splits: the parts must add up exactly to the transaction's amount, in its currency (422 naming
     * {@code splits}); each part's category must be the user's or a default one.
     */
    Transaction putSplits(UUID user, long id, SplitsRequest request) {
        if (request == null || request.splits() == null) {
            throw ApiException.missingBody("splits, a list of {categoryId, amount}");
        }
        return jdbi.inTransaction(h -> {
            TransactionDao transactions = new TransactionDao(h, user);
            Transaction current = transactions.find(id, true).orElseThrow(() -> FinanceErrors.transactionNotFound(id));
            List<Transaction.Split> parts = check(current, request.splits());
            Set<Long> categories = new HashSet<>();
            parts.stream()
                    .map(Transaction.Split::categoryId)
                    .filter(Objects::nonNull)
                    .forEach(categories::add);
            if (!categories.isEmpty() && new CategoryDao(h, user).countVisible(categories) != categories.size()) {
                throw ApiException.invalidBody(
                        Map.of("splits", "every categoryId must be the id of one of your categories"));
            }
            transactions.replaceSplits(id, parts);
            alerts.budgets(h, user, current.currency(), Set.of(YearMonth.from(current.bookedOn())));
            return transactions.find(id, false).orElseThrow();
        });
    }

    private static List<Transaction.Split> check(Transaction transaction, List<SplitRequest> requests) {
        FieldErrors errors = new FieldErrors();
        if (requests.size() == 1 || requests.size() > MAX_SPLITS) {
            errors.add("splits", "must have 2 to " + MAX_SPLITS + " parts, or none to remove the splits");
        }
        List<Transaction.Split> parts = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        boolean amountsValid = true;
        for (int i = 0; i < requests.size(); i++) {
            SplitRequest r = requests.get(i);
            String at = "splits[" + i + "]";
            if (r == null) {
                errors.add(at, "must be an object with categoryId and amount");
                amountsValid = false;
                continue;
            }
            if (r.currency() != null && !transaction.currency().equals(r.currency())) {
                errors.add("splits", "must all be in the transaction's currency, " + transaction.currency());
            }
            if (r.memo() != null && r.memo().length() > 200) {
                errors.add(at + ".memo", "must have at most 200 characters");
            }
            BigDecimal amount = Money.parse(r.amount(), at + ".amount", errors).orElse(null);
            if (amount == null) {
                amountsValid = false;
                continue;
            }
            sum = sum.add(amount);
            parts.add(new Transaction.Split(r.categoryId(), amount, r.memo()));
        }
        if (amountsValid && !requests.isEmpty() && sum.compareTo(transaction.amount()) != 0) {
            errors.add(
                    "splits",
                    "must add up exactly to the transaction's amount, " + Money.format(transaction.amount()) + " "
                            + transaction.currency() + ", not " + sum.toPlainString());
        }
        errors.throwIfAny(ApiException::invalidBody);
        return parts;
    }
}
