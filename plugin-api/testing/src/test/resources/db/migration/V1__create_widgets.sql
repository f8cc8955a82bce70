-- A plugin-like schema for the harness's own tests: one per-user table under FORCE row-level security.
CREATE TABLE widgets (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id UUID NOT NULL DEFAULT nullif(current_setting('app.user_id', true), '')::uuid,
    name     TEXT NOT NULL
);

ALTER TABLE widgets ENABLE ROW LEVEL SECURITY;
ALTER TABLE widgets FORCE ROW LEVEL SECURITY;
CREATE POLICY widgets_owner ON widgets
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);
