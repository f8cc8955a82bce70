package io.metacortex.host.secrets;

import io.metacortex.plugin.api.SecretStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every plugin's secrets in {@code metacortex.plugin_secrets}, encrypted by a {@link SecretBox} with associated
 * data {@code <plugin id>/<name>}: a ciphertext copied to another plugin or name does not decrypt.
 */
public final class StoredSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(StoredSecrets.class);

    /** One stored row, as read; the ciphertext is what a conditional update compares against. */
    record Row(String pluginId, String name, String ciphertext) {}

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Clock clock;

    public StoredSecrets(Jdbi jdbi, SecretBox box, Clock clock) {
        this.jdbi = jdbi;
        this.box = box;
        this.clock = clock;
    }

    /** @return the secret store a plugin sees: its own secrets only */
    public SecretStore forPlugin(String pluginId) {
        return new SecretStore() {
            @Override
            public void put(String name, String value) {
                StoredSecrets.this.put(pluginId, name, value);
            }

            @Override
            public Optional<String> get(String name) {
                return StoredSecrets.this.get(pluginId, name);
            }

            @Override
            public boolean delete(String name) {
                return StoredSecrets.this.delete(pluginId, name);
            }

            @Override
            public String toString() {
                return "SecretStore of plugin " + pluginId;
            }
        };
    }

    void put(String pluginId, String name, String value) {
        SecretNames.require(name);
        if (value == null) {
            throw new IllegalArgumentException("A secret's value may not be null; delete the secret instead.");
        }
        String ciphertext = box.encrypt(value, slot(pluginId, name));
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO metacortex.plugin_secrets (plugin_id, name, ciphertext, key_id, updated_at)
                VALUES (:pluginId, :name, :ciphertext, :keyId, :now)
                ON CONFLICT (plugin_id, name) DO UPDATE
                SET ciphertext = EXCLUDED.ciphertext, key_id = EXCLUDED.key_id, updated_at = EXCLUDED.updated_at
                """)
                .bind("pluginId", pluginId)
                .bind("name", name)
                .bind("ciphertext", ciphertext)
                .bind("keyId", box.keys().currentKeyId())
                .bind("now", now())
                .execute());
    }

    /** @throws SecretDecryptionException if the stored value cannot be decrypted with the configured keys */
    Optional<String> get(String pluginId, String name) {
        SecretNames.require(name);
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT ciphertext FROM metacortex.plugin_secrets WHERE plugin_id = :pluginId AND name = :name
                """)
                        .bind("pluginId", pluginId)
                        .bind("name", name)
                        .mapTo(String.class)
                        .findOne())
                .map(ciphertext -> decrypt(new Row(pluginId, name, ciphertext)));
    }

    boolean delete(String pluginId, String name) {
        SecretNames.require(name);
        return jdbi.withHandle(h -> h.createUpdate("""
                DELETE FROM metacortex.plugin_secrets WHERE plugin_id = :pluginId AND name = :name
                """)
                        .bind("pluginId", pluginId)
                        .bind("name", name)
                        .execute())
                > 0;
    }

    /** Deletes all of a plugin's secrets (uninstall with purge); @return how many */
    public int deleteAll(String pluginId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM metacortex.plugin_secrets WHERE plugin_id = :id")
                .bind("id", pluginId)
                .execute());
    }

    /** @return how many secrets each key id holds, by key id */
    public Map<String, Long> countByKey() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                SELECT key_id, count(*) AS n FROM metacortex.plugin_secrets GROUP BY key_id ORDER BY key_id
                """)
                .map((rs, ctx) -> Map.entry(rs.getString("key_id"), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /** @return up to {@code limit} rows not under the current key, after ({@code pluginId}, {@code name}) */
    List<Row> notUnderCurrentKey(String afterPluginId, String afterName, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT plugin_id, name, ciphertext FROM metacortex.plugin_secrets
                WHERE key_id <> :current AND (plugin_id, name) > (:afterPluginId, :afterName)
                ORDER BY plugin_id, name
                LIMIT :limit
                """)
                .bind("current", box.keys().currentKeyId())
                .bind("afterPluginId", afterPluginId)
                .bind("afterName", afterName)
                .bind("limit", limit)
                .map((rs, ctx) -> new Row(rs.getString("plugin_id"), rs.getString("name"), rs.getString("ciphertext")))
                .list());
    }

    /**
     * Re-encrypts one row under the current key, unless it changed since it was read (a concurrent put wins).
     *
     * @return whether the row was updated
     * @throws SecretDecryptionException if the row cannot be decrypted
     */
    boolean reencrypt(Row row) {
        String plaintext = decrypt(row);
        String ciphertext = box.encrypt(plaintext, slot(row.pluginId(), row.name()));
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE metacortex.plugin_secrets SET ciphertext = :ciphertext, key_id = :keyId, updated_at = :now
                WHERE plugin_id = :pluginId AND name = :name AND ciphertext = :old
                """)
                        .bind("ciphertext", ciphertext)
                        .bind("keyId", box.keys().currentKeyId())
                        .bind("now", now())
                        .bind("pluginId", row.pluginId())
                        .bind("name", row.name())
                        .bind("old", row.ciphertext())
                        .execute())
                == 1;
    }

    /**
     * Logs an error for each key id that holds secrets but is not configured (say, a key dropped from the
     * configuration before re-encryption): those secrets cannot be read until it is configured again.
     */
    public void warnAboutUnconfiguredKeys() {
        countByKey().forEach((keyId, count) -> {
            if (!box.keys().ids().contains(keyId)) {
                LOG.error(
                        "{} secrets are encrypted with the key '{}', which is not configured (configured: {});"
                                + " plugins cannot read them until it is added to secrets.keys or {} again.",
                        count,
                        keyId,
                        box.keys().ids(),
                        SecretKeySource.KEYS_ENV);
            }
        });
    }

    public SecretKeys keys() {
        return box.keys();
    }

    private String decrypt(Row row) {
        try {
            return box.decrypt(row.ciphertext(), slot(row.pluginId(), row.name()));
        } catch (SecretDecryptionException e) {
            throw new SecretDecryptionException(slot(row.pluginId(), row.name()), e);
        }
    }

    /** The associated data binding a ciphertext to its row; plugin ids cannot contain '/', so it is unambiguous. */
    private static String slot(String pluginId, String name) {
        return pluginId + "/" + name;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
