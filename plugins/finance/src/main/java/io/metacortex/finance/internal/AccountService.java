package io.metacortex.finance.internal;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** A user's accounts: manual ones created here, imported ones found or created by the {@link Ledger}. */
public final class AccountService {

    private final Jdbi jdbi;
    private final Clock clock;

    public AccountService(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
    }

    Account create(UUID user, AccountRequest request) {
        AccountDraft draft = AccountRequests.forCreate(request);
        return jdbi.inTransaction(h -> new AccountDao(h, user).insert(draft, clock.instant()));
    }

    Account find(UUID user, long id) {
        return jdbi.withHandle(h -> new AccountDao(h, user).find(id))
                .orElseThrow(() -> FinanceErrors.accountNotFound(id));
    }

    Account update(UUID user, long id, AccountRequest request) {
        return jdbi.inTransaction(h -> {
            AccountDao accounts = new AccountDao(h, user);
            Account current = accounts.lock(id).orElseThrow(() -> FinanceErrors.accountNotFound(id));
            return accounts.update(id, AccountRequests.forUpdate(current, request), clock.instant())
                    .orElseThrow();
        });
    }

    /** Deletes the account with its transactions. */
    void delete(UUID user, long id) {
        if (!jdbi.inTransaction(h -> new AccountDao(h, user).delete(id))) {
            throw FinanceErrors.accountNotFound(id);
        }
    }

    Page<Account> list(UUID user, Page.Request page) {
        return jdbi.withHandle(h ->
                Page.of(new AccountDao(h, user).list(page.afterId(), page.limit() + 1), page, Account::id));
    }
}
