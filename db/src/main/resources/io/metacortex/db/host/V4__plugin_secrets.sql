-- Plugins' secrets (PluginContext.secrets()), encrypted by the host: AES-256-GCM, bound to (plugin_id, name).

CREATE TABLE plugin_secrets (
    plugin_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    ciphertext  TEXT NOT NULL,
    key_id      TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (plugin_id, name)
);

COMMENT ON COLUMN plugin_secrets.ciphertext IS 'mcs1:<key id>:<base64url(nonce || ciphertext || tag)>, AAD <plugin id>/<name>';
COMMENT ON COLUMN plugin_secrets.key_id IS 'The key the ciphertext is under (also in its prefix); re-encryption moves rows to the current key';
