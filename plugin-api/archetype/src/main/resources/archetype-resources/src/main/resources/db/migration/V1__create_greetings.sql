-- Applied by the host to the plugin's own schema before its first start (names stay unqualified). Migrations are
-- forward-only: add V2__....sql for a change, never edit one that was released.

CREATE TABLE greetings (
    id         BIGSERIAL PRIMARY KEY,
    owner_id   UUID        NOT NULL,
    text       TEXT        NOT NULL CHECK (char_length(text) BETWEEN 1 AND 80),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX greetings_owner_idx ON greetings (owner_id, id);

-- Each row belongs to one user: the host sets app.user_id on the plugin's connections to the request's user, so
-- the database itself keeps one user's greetings from another, whatever a query forgets.
ALTER TABLE greetings ENABLE ROW LEVEL SECURITY;
ALTER TABLE greetings FORCE ROW LEVEL SECURITY;
CREATE POLICY greetings_owner_only ON greetings
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);
