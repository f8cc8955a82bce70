-- External CalDAV accounts (internal.remote): two-way sync of remote calendars with local ones. The account's password
-- is not here: it is a secret of the host's SecretStore (caldav/<account id>), encrypted by the host. Every row
-- belongs to one user (owner_id), filtered by the DAO and backed by row-level security (end of file).

CREATE TABLE caldav_accounts (
    id            BIGSERIAL PRIMARY KEY,
    owner_id      UUID        NOT NULL,
    name          TEXT        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    -- The URL the user gave, and what discovery found from it (PROPFIND current-user-principal, calendar-home-set).
    url           TEXT        NOT NULL,
    username      TEXT        NOT NULL,
    principal_url TEXT        NOT NULL,
    home_url      TEXT        NOT NULL,
    last_sync_at  TIMESTAMPTZ,
    -- The last sync's failure (no secret in it), NULL after a sync that worked.
    last_error    TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT caldav_accounts_owner_id_id_key UNIQUE (owner_id, id)
);

-- A remote calendar (collection) linked to a local calendar; a local calendar is linked to at most one.
CREATE TABLE caldav_links (
    id                BIGSERIAL PRIMARY KEY,
    owner_id          UUID        NOT NULL,
    account_id        BIGINT      NOT NULL,
    calendar_id       BIGINT      NOT NULL,
    remote_url        TEXT        NOT NULL,
    remote_name       TEXT,
    -- The remote's RFC 6578 sync token after the last sync (NULL: the server has none; ctag and etags are compared).
    sync_token        TEXT,
    ctag              TEXT,
    -- calendars.sync_token of the local calendar when the last sync started: local changes after it are pushed.
    local_change      BIGINT      NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT caldav_links_account_fkey FOREIGN KEY (owner_id, account_id)
        REFERENCES caldav_accounts (owner_id, id) ON DELETE CASCADE,
    CONSTRAINT caldav_links_calendar_fkey FOREIGN KEY (owner_id, calendar_id)
        REFERENCES calendars (owner_id, id) ON DELETE CASCADE,
    CONSTRAINT caldav_links_calendar_key UNIQUE (calendar_id),
    CONSTRAINT caldav_links_remote_key UNIQUE (account_id, remote_url),
    CONSTRAINT caldav_links_owner_id_id_key UNIQUE (owner_id, id)
);

-- Each UID both sides had at the last sync: where it is on the remote (href, etag there) and the local etag then, so
-- that a change on either side since is seen by comparing etags.
CREATE TABLE caldav_objects (
    owner_id     UUID   NOT NULL,
    link_id      BIGINT NOT NULL,
    uid          TEXT   NOT NULL,
    href         TEXT   NOT NULL,
    remote_etag  TEXT,
    local_etag   TEXT   NOT NULL,
    PRIMARY KEY (link_id, uid),
    CONSTRAINT caldav_objects_href_key UNIQUE (link_id, href),
    CONSTRAINT caldav_objects_link_fkey FOREIGN KEY (owner_id, link_id)
        REFERENCES caldav_links (owner_id, id) ON DELETE CASCADE
);

-- A UID changed on both sides between two syncs (or a push refused with 412): which side won, and the losing version
-- (NULL when the losing side had deleted it) for the user to see.
CREATE TABLE caldav_conflicts (
    id           BIGSERIAL PRIMARY KEY,
    owner_id     UUID        NOT NULL,
    account_id   BIGINT      NOT NULL,
    calendar_id  BIGINT      NOT NULL,
    uid          TEXT        NOT NULL,
    winner       TEXT        NOT NULL CHECK (winner IN ('remote', 'local')),
    reason       TEXT        NOT NULL,
    losing_ics   TEXT,
    occurred_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT caldav_conflicts_account_fkey FOREIGN KEY (owner_id, account_id)
        REFERENCES caldav_accounts (owner_id, id) ON DELETE CASCADE
);

CREATE INDEX caldav_conflicts_account_idx ON caldav_conflicts (account_id, id);

ALTER TABLE caldav_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE caldav_accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY caldav_accounts_owner_only ON caldav_accounts
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);

ALTER TABLE caldav_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE caldav_links FORCE ROW LEVEL SECURITY;
CREATE POLICY caldav_links_owner_only ON caldav_links
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);

ALTER TABLE caldav_objects ENABLE ROW LEVEL SECURITY;
ALTER TABLE caldav_objects FORCE ROW LEVEL SECURITY;
CREATE POLICY caldav_objects_owner_only ON caldav_objects
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);

ALTER TABLE caldav_conflicts ENABLE ROW LEVEL SECURITY;
ALTER TABLE caldav_conflicts FORCE ROW LEVEL SECURITY;
CREATE POLICY caldav_conflicts_owner_only ON caldav_conflicts
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);
