-- The plugins the host knows, and every bundle version uploaded for them.

CREATE TABLE plugins (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    description      TEXT,
    version          TEXT NOT NULL,
    previous_version TEXT,
    state            TEXT NOT NULL CHECK (state IN ('ACTIVE', 'DISABLED', 'FAILED')),
    failure_reason   TEXT,
    source           TEXT,
    installed_at     TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

COMMENT ON COLUMN plugins.version IS 'The version currently installed';
COMMENT ON COLUMN plugins.previous_version IS 'The version a rollback returns to, if any';
COMMENT ON COLUMN plugins.source IS 'Where the plugin came from, e.g. deploy:tasks-1.0.0.jar; NULL when uploaded over REST';

-- No foreign key to plugins: uninstall deletes the plugin row and its bundles in one transaction.
CREATE TABLE plugin_bundles (
    plugin_id   TEXT NOT NULL,
    version     TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    bytes       BYTEA NOT NULL,
    uploaded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (plugin_id, version)
);
