-- Finance, applied by the host into the plugin's own schema (plugin_finance): names stay unqualified. Every row but
-- the default categories belongs to one user (user_id); see the row-level security at the end.
--
-- Money is NUMERIC(19,4) with an ISO 4217 currency code next to it, never floating point. Sign convention of
-- transaction amounts: negative = money leaving the account (OFX's convention; Plaid's positive outflow is negated
-- before it reaches the ledger).

-- Categories: the default set (user_id NULL, readable by everyone, written by migrations only) and each user's own.
CREATE TABLE categories (
    id         BIGSERIAL PRIMARY KEY,
    user_id    UUID,
    name       TEXT        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- A user's own names are unique ignoring case; the defaults among themselves too.
CREATE UNIQUE INDEX categories_user_name_key ON categories (user_id, lower(name)) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX categories_default_name_key ON categories (lower(name)) WHERE user_id IS NULL;

INSERT INTO categories (name) VALUES
    ('Income'), ('Transfers'), ('Groceries'), ('Restaurants'), ('Housing'), ('Utilities'), ('Transport'),
    ('Health'), ('Shopping'), ('Entertainment'), ('Travel'), ('Fees'), ('Other');

CREATE TABLE accounts (
    id                BIGSERIAL PRIMARY KEY,
    user_id           UUID          NOT NULL,
    name              TEXT          NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    currency          CHAR(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    kind              TEXT          NOT NULL
                                    CHECK (kind IN ('checking', 'savings', 'credit', 'loan', 'investment', 'cash',
                                                    'other')),
    source            TEXT          NOT NULL CHECK (source IN ('manual', 'ofx', 'csv', 'plaid')),
    -- The account's id at its source (OFX BANKACCTFROM/ACCTID, Plaid account_id); NULL for manual accounts.
    external_id       TEXT                   CHECK (char_length(external_id) BETWEEN 1 AND 200),
    -- The Plaid item the account came from; no foreign key: the plaid part's migration adds that table.
    plaid_item_id     UUID,
    current_balance   NUMERIC(19,4),
    available_balance NUMERIC(19,4),
    balance_as_of     TIMESTAMPTZ,
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT accounts_user_source_external_key UNIQUE (user_id, source, external_id),
    -- What the transactions' foreign key needs: a transaction carries its account's currency and user.
    CONSTRAINT accounts_user_id_currency_key UNIQUE (user_id, id, currency),
    CONSTRAINT balance_as_of_with_balance CHECK (current_balance IS NULL OR balance_as_of IS NOT NULL)
);
-- GET /api/finance/accounts: WHERE user_id = :user AND id > :after ORDER BY id.
CREATE INDEX accounts_user_idx ON accounts (user_id, id);
CREATE INDEX accounts_plaid_item_idx ON accounts (plaid_item_id) WHERE plaid_item_id IS NOT NULL;

CREATE TABLE transactions (
    id          BIGSERIAL PRIMARY KEY,
    user_id     UUID          NOT NULL,
    account_id  BIGINT        NOT NULL,
    -- Always the account's currency (the foreign key below): reports group by it without a join.
    currency    CHAR(3)       NOT NULL,
    amount      NUMERIC(19,4) NOT NULL,
    booked_on   DATE          NOT NULL,
    description TEXT          NOT NULL DEFAULT '' CHECK (char_length(description) <= 1000),
    merchant    TEXT                   CHECK (char_length(merchant) BETWEEN 1 AND 200),
    pending     BOOLEAN       NOT NULL DEFAULT false,
    -- OFX FITID, the CSV row hash, Plaid transaction_id; NULL for transactions entered by hand.
    external_id TEXT                   CHECK (char_length(external_id) BETWEEN 1 AND 200),
    category_id BIGINT        REFERENCES categories (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    -- Re-importing creates no duplicate: the ledger upserts on this key.
    CONSTRAINT transactions_account_external_key UNIQUE (account_id, external_id),
    CONSTRAINT transactions_account_fkey FOREIGN KEY (user_id, account_id, currency)
        REFERENCES accounts (user_id, id, currency) ON DELETE CASCADE ON UPDATE CASCADE
);
-- GET /api/finance/transactions (newest first) and the spending report's date range.
CREATE INDEX transactions_user_booked_idx ON transactions (user_id, booked_on DESC, id DESC);
-- GET /api/finance/transactions?accountId=, and the cascade from accounts.
CREATE INDEX transactions_account_booked_idx ON transactions (account_id, booked_on DESC, id DESC);
-- ?categoryId=, and the SET NULL from categories.
CREATE INDEX transactions_category_idx ON transactions (category_id) WHERE category_id IS NOT NULL;

-- A transaction split across categories: the parts add up exactly to its amount (checked by the plugin, which
-- replaces all of a transaction's splits in one statement batch).
CREATE TABLE splits (
    id             BIGSERIAL PRIMARY KEY,
    user_id        UUID          NOT NULL,
    transaction_id BIGINT        NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    category_id    BIGINT        REFERENCES categories (id) ON DELETE SET NULL,
    amount         NUMERIC(19,4) NOT NULL,
    memo           TEXT          CHECK (char_length(memo) <= 200)
);
CREATE INDEX splits_transaction_idx ON splits (transaction_id, id);
CREATE INDEX splits_category_idx ON splits (category_id) WHERE category_id IS NOT NULL;

-- Categorisation rules, applied in (position, id) order to new transactions and on demand: the first that matches
-- sets the category.
CREATE TABLE rules (
    id          BIGSERIAL PRIMARY KEY,
    user_id     UUID        NOT NULL,
    field       TEXT        NOT NULL CHECK (field IN ('merchant', 'description')),
    match       TEXT        NOT NULL CHECK (match IN ('contains', 'regex')),
    pattern     TEXT        NOT NULL CHECK (char_length(pattern) BETWEEN 1 AND 200),
    category_id BIGINT      NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    position    INTEGER     NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX rules_user_idx ON rules (user_id, position, id);

-- A monthly budget of one category in one currency; rollover carries the previous month's remainder (positive or
-- negative) into this one.
CREATE TABLE budgets (
    id             BIGSERIAL PRIMARY KEY,
    user_id        UUID          NOT NULL,
    month          DATE          NOT NULL CHECK (extract(day FROM month) = 1),
    category_id    BIGINT        NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    currency       CHAR(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount         NUMERIC(19,4) NOT NULL CHECK (amount >= 0),
    rollover       BOOLEAN       NOT NULL DEFAULT false,
    -- Set when finance.budget.exceeded was published for it, so that it is published once per crossing.
    exceeded_since TIMESTAMPTZ,
    created_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT budgets_user_month_category_key UNIQUE (user_id, month, category_id, currency)
);

-- Alert thresholds: low_balance of one account (the account's currency), large_transaction per currency (any
-- account in it; amounts compared by absolute value).
CREATE TABLE alert_thresholds (
    id           BIGSERIAL PRIMARY KEY,
    user_id      UUID          NOT NULL,
    kind         TEXT          NOT NULL CHECK (kind IN ('low_balance', 'large_transaction')),
    account_id   BIGINT        REFERENCES accounts (id) ON DELETE CASCADE,
    currency     CHAR(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount       NUMERIC(19,4) NOT NULL,
    -- low_balance: set while the balance is below, so that an alert is published once per crossing.
    triggered_at TIMESTAMPTZ,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT account_iff_low_balance CHECK ((kind = 'low_balance') = (account_id IS NOT NULL))
);
-- One low_balance threshold per account, one large_transaction threshold per user and currency.
CREATE UNIQUE INDEX alert_thresholds_low_balance_key ON alert_thresholds (account_id) WHERE kind = 'low_balance';
CREATE UNIQUE INDEX alert_thresholds_large_key ON alert_thresholds (user_id, currency)
    WHERE kind = 'large_transaction';

-- Row-level security, the backstop behind the DAOs' explicit user filters (as in the tasks plugin): the host sets
-- app.user_id on every connection it hands the plugin to the caller's id, or '' outside a request ('' and an unset
-- setting match no row; jobs set it for the user they work for). FORCE applies the policies to the tables' owner
-- too. WITH CHECK refuses writing a row owned by anyone else.
ALTER TABLE categories ENABLE ROW LEVEL SECURITY;
ALTER TABLE categories FORCE ROW LEVEL SECURITY;
CREATE POLICY categories_default_read ON categories FOR SELECT USING (user_id IS NULL);
CREATE POLICY categories_owner_only ON categories
    USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY accounts_owner_only ON accounts
    USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

ALTER TABLE transactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE transactions FORCE ROW LEVEL SECURITY;
CREATE POLICY transactions_owner_only ON transactions
    USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

ALTER TABLE splits ENABLE ROW LEVEL SECURITY;
ALTER TABLE splits FORCE ROW LEVEL SECURITY;
CREATE POLICY splits_owner_only ON splits
    USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

ALTER TABLE rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE rules FORCE ROW LEVEL SECURITY;
CREATE POLICY rules_owner_only ON rules
    USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

ALTER TABLE budgets ENABLE ROW LEVEL SECURITY;
ALTER TABLE budgets FORCE ROW LEVEL SECURITY;
CREATE POLICY budgets_owner_only ON budgets
    USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

ALTER TABLE alert_thresholds ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_thresholds FORCE ROW LEVEL SECURITY;
CREATE POLICY alert_thresholds_owner_only ON alert_thresholds
    USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
