package io.metacortex.host.plugin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The installs in progress, in {@code metacortex.plugin_installs}: written before an install loads anything, deleted
 * once it is registered or refused. A row left at start belongs to an install the host died in, and tells whether
 * that install created the plugin's schema (and role), which are then dropped ({@link PluginRecovery}).
 */
final class InstallJournal {

    /** An install the host began. */
    record Entry(String pluginId, String version, boolean createsSchema) {}

    private final Jdbi jdbi;

    InstallJournal(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void begin(PluginBundle bundle, boolean createsSchema, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO metacortex.plugin_installs (plugin_id, version, creates_schema, started_at)
                        VALUES (:id, :version, :createsSchema, :now)
                        ON CONFLICT (plugin_id) DO UPDATE SET version = EXCLUDED.version,
                            creates_schema = EXCLUDED.creates_schema, started_at = EXCLUDED.started_at
                        """)
                .bind("id", bundle.id())
                .bind("version", bundle.version().toString())
                .bind("createsSchema", createsSchema)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .execute());
    }

    void end(String pluginId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM metacortex.plugin_installs WHERE plugin_id = :id")
                .bind("id", pluginId)
                .execute());
    }

    /** @return the installs begun and never ended */
    List<Entry> unfinished() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT plugin_id, version, creates_schema FROM metacortex.plugin_installs ORDER BY plugin_id")
                .map((rs, ctx) -> new Entry(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .list());
    }
}
