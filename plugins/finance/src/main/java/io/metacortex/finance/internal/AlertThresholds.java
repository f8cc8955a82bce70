package io.metacortex.finance.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The user's alert thresholds: {@code low_balance} of one account (in its currency: an alert when its balance falls
 * below) and {@code large_transaction} per currency (an alert for each new transaction whose absolute amount is at
 * least it). Setting one replaces the one of the same account or currency.
 */
public final class AlertThresholds {

    /** A threshold; {@code accountId} for low_balance only. */
    public record Threshold(
            long id,
            String kind,
            Long accountId,
            String currency,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {}

    /** The body of {@code PUT /api/finance/alert-thresholds}. */
    public record ThresholdRequest(String kind, Long accountId, String currency, String amount) {}

    private final Jdbi jdbi;
    private final Alerts alerts;

    public AlertThresholds(Jdbi jdbi, Alerts alerts) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.alerts = Objects.requireNonNull(alerts);
    }

    List<Threshold> list(UUID user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, kind, account_id, currency, amount FROM alert_thresholds"
                        + " WHERE user_id = :user ORDER BY id")
                .bind("user", user)
                .map((rs, ctx) -> {
                    long account = rs.getLong("account_id");
                    String currency = rs.getString("currency");
                    return new Threshold(
                            rs.getLong("id"),
                            rs.getString("kind"),
                            rs.wasNull() ? null : account,
                            currency,
                            Money.display(rs.getBigDecimal("amount"), currency));
                })
                .list());
    }

    /** Sets (or replaces) a threshold; a low balance already below it is alerted at once. */
    Threshold put(UUID user, ThresholdRequest request) {
        if (request == null) {
            throw ApiException.missingBody("kind, amount and accountId or currency");
        }
        FieldErrors errors = new FieldErrors();
        BigDecimal amount = Money.parse(request.amount(), "amount", errors).orElse(null);
        String kind = request.kind() == null ? "" : request.kind().strip();
        if (kind.equals("large_transaction")) {
            String currency =
                    Money.currency(request.currency(), "currency", errors).orElse(null);
            if (amount != null && amount.signum() <= 0) {
                errors.add("amount", "must be more than 0");
            }
            errors.throwIfAny(ApiException::invalidBody);
            return jdbi.inTransaction(h -> {
                h.createUpdate("DELETE FROM alert_thresholds WHERE user_id = :user AND kind = 'large_transaction'"
                                + " AND currency = :currency")
                        .bind("user", user)
                        .bind("currency", currency)
                        .execute();
                long id = h.createQuery("INSERT INTO alert_thresholds (user_id, kind, currency, amount)"
                                + " VALUES (:user, 'large_transaction', :currency, :amount) RETURNING id")
                        .bind("user", user)
                        .bind("currency", currency)
                        .bind("amount", amount)
                        .mapTo(Long.class)
                        .one();
                return new Threshold(id, kind, null, currency, Money.display(amount, currency));
            });
        }
        if (!kind.equals("low_balance")) {
            errors.add("kind", "must be low_balance or large_transaction");
        } else if (request.accountId() == null) {
            errors.add("accountId", "is required for a low_balance threshold");
        }
        errors.throwIfAny(ApiException::invalidBody);
        return jdbi.inTransaction(h -> {
            Account account = new AccountDao(h, user)
                    .find(request.accountId())
                    .orElseThrow(() ->
                            ApiException.invalidBody(Map.of("accountId", "must be the id of one of your accounts")));
            h.createUpdate("DELETE FROM alert_thresholds WHERE user_id = :user AND kind = 'low_balance'"
                            + " AND account_id = :account")
                    .bind("user", user)
                    .bind("account", account.id())
                    .execute();
            long id = h.createQuery("INSERT INTO alert_thresholds (user_id, kind, account_id, currency, amount)"
                            + " VALUES (:user, 'low_balance', :account, :currency, :amount) RETURNING id")
                    .bind("user", user)
                    .bind("account", account.id())
                    .bind("currency", account.currency())
                    .bind("amount", amount)
                    .mapTo(Long.class)
                    .one();
            alerts.balance(h, user, account.id());
            return new Threshold(id, kind, account.id(), account.currency(), Money.display(amount, account.currency()));
        });
    }

    void delete(UUID user, long id) {
        int deleted = jdbi.inTransaction(
                h -> h.createUpdate("DELETE FROM alert_thresholds WHERE user_id = :user AND id = :id")
                        .bind("user", user)
                        .bind("id", id)
                        .execute());
        if (deleted == 0) {
            throw ApiException.notFound("alert threshold not found", "you have no alert threshold with id " + id);
        }
    }
}
