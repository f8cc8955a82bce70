-- People, their access tokens, their per-module choices, and the audit trail.

CREATE TABLE users (
    id            UUID PRIMARY KEY,
    issuer        TEXT,
    subject       TEXT,
    email         TEXT,
    display_name  TEXT NOT NULL,
    roles         TEXT[] NOT NULL DEFAULT '{user}',
    time_zone     TEXT NOT NULL DEFAULT 'UTC',
    disabled_at   TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ,
    CHECK (roles <@ ARRAY['admin', 'user']::TEXT[])
);

COMMENT ON COLUMN users.subject IS 'The identity provider''s subject (sub claim); NULL for users an admin created';

-- Provisioning on first sight looks users up by (issuer, subject).
CREATE UNIQUE INDEX users_issuer_subject ON users (issuer, subject) WHERE subject IS NOT NULL;
-- Admins create users by e-mail; one user per address.
CREATE UNIQUE INDEX users_email ON users (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE access_tokens (
    id            UUID PRIMARY KEY,
    user_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    token_hash    TEXT NOT NULL,
    scopes        TEXT[] NOT NULL,
    expires_at    TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);

COMMENT ON COLUMN access_tokens.token_hash IS 'SHA-256 of the token, hex; the token itself is shown once and never stored';

-- Every authenticated request with a personal access token looks it up by hash.
CREATE UNIQUE INDEX access_tokens_hash ON access_tokens (token_hash);
-- GET /api/me/tokens lists a user's tokens.
CREATE INDEX access_tokens_user ON access_tokens (user_id, created_at);

CREATE TABLE user_modules (
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    plugin_id  TEXT NOT NULL,
    enabled    BOOLEAN NOT NULL,
    settings   JSONB NOT NULL DEFAULT '{}',
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, plugin_id)
);

ALTER TABLE plugins ADD COLUMN enabled_by_default BOOLEAN NOT NULL DEFAULT TRUE;

CREATE TABLE audit_log (
    id         BIGSERIAL PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL,
    actor      TEXT,
    action     TEXT NOT NULL,
    target     TEXT,
    outcome    TEXT NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE', 'DENIED')),
    source_ip  TEXT,
    detail     TEXT
);

-- GET /admin/audit pages newest first, optionally by action or actor.
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_action ON audit_log (action, id DESC);
CREATE INDEX audit_log_actor ON audit_log (actor, id DESC);
