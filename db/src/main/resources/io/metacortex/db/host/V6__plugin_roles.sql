-- The login role of each plugin (plugin_<id>) and its generated password. Only the host's user can read this
-- schema: plugin roles have no privilege on it.
CREATE TABLE plugin_roles (
    plugin_id   TEXT PRIMARY KEY,
    role_name   TEXT NOT NULL UNIQUE,
    password    TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

REVOKE ALL ON SCHEMA metacortex FROM PUBLIC;
