package io.metacortex.host.plugin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The plugin registry in schema {@code metacortex}: which plugins are installed, at which version and state, and
 * the bytes of every version kept for rollback and restart.
 */
final class PluginRegistry {

    private static final RowMapper<PluginRecord> RECORD = (rs, ctx) -> new PluginRecord(
            rs.getString("id"),
            rs.getString("name"),
            rs.getString("description"),
            rs.getString("version"),
            rs.getString("previous_version"),
            PluginState.valueOf(rs.getString("state")),
            rs.getString("failure_reason"),
            rs.getString("source"),
            rs.getObject("installed_at", OffsetDateTime.class).toInstant(),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
            List.of((String[]) rs.getArray("accepted_permissions").getArray()),
            rs.getBoolean("enabled_by_default"));

    private final Jdbi jdbi;

    PluginRegistry(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<PluginRecord> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM metacortex.plugins ORDER BY id")
                .map(RECORD)
                .list());
    }

    Optional<PluginRecord> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM metacortex.plugins WHERE id = :id")
                .bind("id", id)
                .map(RECORD)
                .findOne());
    }

    /**
     * @return the kept bytes of that version of the plugin
     * @throws IllegalStateException when none are kept: the versions a record names always are
     */
    byte[] keptBytes(String id, String version) {
        return jdbi.withHandle(h -> h.createQuery(
                                "SELECT bytes FROM metacortex.plugin_bundles WHERE plugin_id = :id AND version = :version")
                        .bind("id", id)
                        .bind("version", version)
                        .mapTo(byte[].class)
                        .findOne())
                .orElseThrow(
                        () -> new IllegalStateException("The registry has no bundle for plugin " + id + " " + version));
    }

    /** @return the versions of the plugin whose bytes are kept */
    List<String> keptVersions(String id) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT version FROM metacortex.plugin_bundles WHERE plugin_id = :id ORDER BY version")
                .bind("id", id)
                .mapTo(String.class)
                .list());
    }

    /**
     * Keeps the bytes of a version before it is loaded, so that a restart can finish an upgrade whose migrations
     * were committed when the host died ({@link PluginRecovery#restore}).
     *
     * @return false if that version's bytes were kept already (and are left as they are)
     */
    boolean stage(PluginBundle bundle, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO metacortex.plugin_bundles (plugin_id, version, sha256, bytes, uploaded_at)
                        VALUES (:id, :version, :sha256, :bytes, :now)
                        ON CONFLICT (plugin_id, version) DO NOTHING
                        """)
                        .bind("id", bundle.id())
                        .bind("version", bundle.version().toString())
                        .bind("sha256", bundle.sha256())
                        .bind("bytes", bundle.bytes())
                        .bind("now", utc(now))
                        .execute())
                == 1;
    }

    /** Forgets the bytes {@link #stage} kept for a version that was then not installed. */
    void unstage(PluginBundle bundle) {
        jdbi.useHandle(h -> h.createUpdate(
                        "DELETE FROM metacortex.plugin_bundles WHERE plugin_id = :id AND version = :version")
                .bind("id", bundle.id())
                .bind("version", bundle.version().toString())
                .execute());
    }

    /**
     * Deletes the kept bundles nothing can reach any more: those of a plugin that is not installed, and those at
     * neither a plugin's version nor its previous version (left by an operation the host did not finish).
     *
     * @return how many were deleted
     */
    int pruneUnreachableBundles() {
        return jdbi.withHandle(h -> h.createUpdate("""
                DELETE FROM metacortex.plugin_bundles b
                WHERE NOT EXISTS (SELECT 1 FROM metacortex.plugins p
                                  WHERE p.id = b.plugin_id AND b.version IN (p.version, p.previous_version))
                """).execute());
    }

    /** Writes the plugin's row and keeps the bundle's bytes, in one transaction. */
    void save(PluginRecord record, PluginBundle bundle) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO metacortex.plugin_bundles (plugin_id, version, sha256, bytes, uploaded_at)
                    VALUES (:id, :version, :sha256, :bytes, :now)
                    ON CONFLICT (plugin_id, version)
                    DO UPDATE SET sha256 = EXCLUDED.sha256, bytes = EXCLUDED.bytes, uploaded_at = EXCLUDED.uploaded_at
                    """)
                    .bind("id", bundle.id())
                    .bind("version", bundle.version().toString())
                    .bind("sha256", bundle.sha256())
                    .bind("bytes", bundle.bytes())
                    .bind("now", utc(record.updatedAt()))
                    .execute();
            saveRecord(h, record);
        });
    }

    void save(PluginRecord record) {
        jdbi.useHandle(h -> saveRecord(h, record));
    }

    /** Sets whether users without a choice of their own have the plugin on. */
    void setEnabledByDefault(String id, boolean enabledByDefault, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE metacortex.plugins SET enabled_by_default = :enabled,"
                        + " updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("enabled", enabledByDefault)
                .bind("now", utc(now))
                .execute());
    }

    /** Forgets the plugin and all its kept versions; its schema is not touched. */
    void delete(String id) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM metacortex.plugin_bundles WHERE plugin_id = :id")
                    .bind("id", id)
                    .execute();
            h.createUpdate("DELETE FROM metacortex.plugins WHERE id = :id")
                    .bind("id", id)
                    .execute();
        });
    }

    private static void saveRecord(org.jdbi.v3.core.Handle h, PluginRecord r) {
        h.createUpdate("""
                INSERT INTO metacortex.plugins (id, name, description, version, previous_version, state,
                                                failure_reason, source, installed_at, updated_at,
                                                accepted_permissions, enabled_by_default)
                VALUES (:id, :name, :description, :version, :previousVersion, :state,
                        :failureReason, :source, :installedAt, :updatedAt, :acceptedPermissions, :enabledByDefault)
                ON CONFLICT (id) DO UPDATE SET
                    name = EXCLUDED.name, description = EXCLUDED.description, version = EXCLUDED.version,
                    previous_version = EXCLUDED.previous_version, state = EXCLUDED.state,
                    failure_reason = EXCLUDED.failure_reason, source = EXCLUDED.source,
                    updated_at = EXCLUDED.updated_at, accepted_permissions = EXCLUDED.accepted_permissions,
                    enabled_by_default = EXCLUDED.enabled_by_default
                """)
                .bind("id", r.id())
                .bind("name", r.name())
                .bind("description", r.description())
                .bind("version", r.version())
                .bind("previousVersion", r.previousVersion())
                .bind("state", r.state().name())
                .bind("failureReason", r.failureReason())
                .bind("source", r.source())
                .bind("installedAt", utc(r.installedAt()))
                .bind("updatedAt", utc(r.updatedAt()))
                .bind("acceptedPermissions", r.acceptedPermissions().toArray(String[]::new))
                .bind("enabledByDefault", r.enabledByDefault())
                .execute();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
