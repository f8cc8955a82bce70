package io.metacortex.finance.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for one user's transactions and their splits, on one handle. */
final class TransactionDao {

    private static final String COLUMNS = "id, account_id, amount, currency, booked_on, description, merchant,"
            + " pending, external_id, category_id, created_at, updated_at";

    private final Handle handle;
    private final UUID user;

    TransactionDao(Handle handle, UUID user) {
        this.handle = Objects.requireNonNull(handle);
        this.user = Objects.requireNonNull(user);
    }

    Optional<Transaction> find(long id, boolean forUpdate) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM transactions WHERE user_id = :user AND id = :id"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("user", user)
                .bind("id", id)
                .map(TransactionDao::map)
                .findOne()
                .map(t -> withSplits(List.of(t)).get(0));
    }

    /** @return up to {@code query.limit() + 1} transactions, newest day first */
    List<Transaction> list(TransactionQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM transactions WHERE user_id = :user");
        if (query.accountId() != null) {
            sql.append(" AND account_id = :account");
        }
        if (query.from() != null) {
            sql.append(" AND booked_on >= :from");
        }
        if (query.to() != null) {
            sql.append(" AND booked_on <= :to");
        }
        if (query.categoryId() != null) {
            sql.append(" AND (category_id = :category OR EXISTS (SELECT 1 FROM splits s"
                    + " WHERE s.transaction_id = transactions.id AND s.category_id = :category))");
        }
        if (query.after() != null) {
            sql.append(" AND (booked_on, id) < (:afterDay, :afterId)");
        }
        sql.append(" ORDER BY booked_on DESC, id DESC LIMIT :limit");
        Query q = handle.createQuery(sql.toString()).bind("user", user).bind("limit", query.limit() + 1);
        if (query.accountId() != null) {
            q.bind("account", query.accountId());
        }
        if (query.from() != null) {
            q.bind("from", query.from());
        }
        if (query.to() != null) {
            q.bind("to", query.to());
        }
        if (query.categoryId() != null) {
            q.bind("category", query.categoryId());
        }
        if (query.after() != null) {
            q.bind("afterDay", LocalDate.parse(query.after().key()))
                    .bind("afterId", query.after().id());
        }
        return withSplits(q.map(TransactionDao::map).list());
    }

    Optional<Transaction> setCategory(long id, Long categoryId) {
        int updated = handle.createUpdate("UPDATE transactions SET category_id = :category, updated_at = now()"
                        + " WHERE user_id = :user AND id = :id")
                .bind("user", user)
                .bind("id", id)
                .bind("category", categoryId)
                .execute();
        return updated == 0 ? Optional.empty() : find(id, false);
    }

    void replaceSplits(long transactionId, List<Transaction.Split> splits) {
        handle.createUpdate("DELETE FROM splits WHERE user_id = :user AND transaction_id = :id")
                .bind("user", user)
                .bind("id", transactionId)
                .execute();
        var batch = handle.prepareBatch("INSERT INTO splits (user_id, transaction_id, category_id, amount, memo)"
                + " VALUES (:user, :transaction, :category, :amount, :memo)");
        for (Transaction.Split split : splits) {
            batch.bind("user", user)
                    .bind("transaction", transactionId)
                    .bind("category", split.categoryId())
                    .bind("amount", split.amount())
                    .bind("memo", split.memo())
                    .add();
        }
        if (!splits.isEmpty()) {
            batch.execute();
        }
    }

    private List<Transaction> withSplits(List<Transaction> transactions) {
        if (transactions.isEmpty()) {
            return transactions;
        }
        Map<Long, String> currencies = new HashMap<>();
        transactions.forEach(t -> currencies.put(t.id(), t.currency()));
        Map<Long, List<Transaction.Split>> splits = new HashMap<>();
        handle.createQuery("SELECT transaction_id, category_id, amount, memo FROM splits"
                        + " WHERE user_id = :user AND transaction_id = ANY (:ids) ORDER BY transaction_id, id")
                .bind("user", user)
                .bindArray("ids", Long.class, new ArrayList<>(currencies.keySet()))
                .map((rs, ctx) -> {
                    long transaction = rs.getLong("transaction_id");
                    long category = rs.getLong("category_id");
                    Long categoryId = rs.wasNull() ? null : category;
                    BigDecimal amount = Money.display(rs.getBigDecimal("amount"), currencies.get(transaction));
                    return Map.entry(transaction, new Transaction.Split(categoryId, amount, rs.getString("memo")));
                })
                .forEach(e -> splits.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        return transactions.stream()
                .map(t -> t.withSplits(splits.getOrDefault(t.id(), List.of())))
                .toList();
    }

    static Transaction map(ResultSet rs, StatementContext ctx) throws SQLException {
        String currency = rs.getString("currency");
        long category = rs.getLong("category_id");
        Long categoryId = rs.wasNull() ? null : category;
        return new Transaction(
                rs.getLong("id"),
                rs.getLong("account_id"),
                Money.display(rs.getBigDecimal("amount"), currency),
                currency,
                rs.getObject("booked_on", LocalDate.class),
                rs.getString("description"),
                rs.getString("merchant"),
                rs.getBoolean("pending"),
                rs.getString("external_id"),
                categoryId,
                List.of(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
