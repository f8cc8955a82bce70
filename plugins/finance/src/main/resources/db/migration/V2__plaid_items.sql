-- Plaid items (one per bank login a user linked through Plaid Link), owned by the Plaid part of the plugin
-- (io.metacortex.finance.internal.plaid). The access token of an item is NOT here: it is in the host's encrypted
-- secret store under plaid/<id>. Accounts of an item are rows of accounts (V1) with source 'plaid' and their
-- plaid_item_id set to the item's id; their transactions come through the Ledger like every import.

CREATE TABLE plaid_items (
    id               UUID PRIMARY KEY,
    user_id          UUID        NOT NULL,
    -- Plaid's item_id: an identifier, not a credential; the webhooks name items by it.
    plaid_item_id    TEXT        NOT NULL UNIQUE CHECK (char_length(plaid_item_id) BETWEEN 1 AND 200),
    institution_id   TEXT,
    institution_name TEXT,
    -- active; login_required (ITEM_LOGIN_REQUIRED: the user must re-authenticate through Link's update mode, syncs
    -- stop until then); error (another item error, in error_code).
    status           TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'login_required', 'error')),
    error_code       TEXT,
    -- Plaid's display_message of that error (meant for the user), or null.
    error_message    TEXT,
    -- /transactions/sync's next_cursor after the last sync that was applied whole; null before the first.
    sync_cursor      TEXT,
    last_synced_at   TIMESTAMPTZ,
    -- Transactions of the last sync left out because Plaid gave no ISO 4217 currency (unofficial_currency_code).
    skipped_unofficial INTEGER  NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT plaid_items_user_id_id_key UNIQUE (user_id, id)
);

-- GET /api/finance/items: WHERE user_id = :user ORDER BY created_at, id.
CREATE INDEX plaid_items_user_created_idx ON plaid_items (user_id, created_at, id);

-- Row-level security as on the other tables: the owner's rows only (app.user_id, set by the host for a request and
-- by the sync job for the item's owner). The webhook, which comes without a user, names an item by Plaid's item_id:
-- it may read that one row when it set app.plaid_item_id in its transaction, and then acts as the row's owner.
ALTER TABLE plaid_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE plaid_items FORCE ROW LEVEL SECURITY;
CREATE POLICY plaid_items_owner_only ON plaid_items
    USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
CREATE POLICY plaid_items_by_webhook ON plaid_items FOR SELECT
    USING (plaid_item_id = nullif(current_setting('app.plaid_item_id', true), ''));
