-- Installs in progress. A host that dies in the middle of an install (a plugin calling System.exit or
-- Runtime.halt in its start, a SIGKILL) leaves the plugin's new schema and role behind without a registry row;
-- the next start drops them, when the row says the install created the schema, and forgets the row.
CREATE TABLE plugin_installs (
    plugin_id      TEXT PRIMARY KEY,
    version        TEXT NOT NULL,
    creates_schema BOOLEAN NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL
);
