package io.metacortex.host.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit trail in {@code metacortex.audit_log}: who did what, when, from where, and how it ended. */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    /** How an audited action ended. */
    public enum Outcome {
        SUCCESS,
        FAILURE,
        DENIED
    }

    /** One audit entry. */
    public record Entry(
            long id,
            Instant at,
            String actor,
            String action,
            String target,
            Outcome outcome,
            String sourceIp,
            String detail) {}

    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Records an entry. A failure to record is logged, never thrown: auditing must not break the action. */
    public void record(String actor, String action, String target, Outcome outcome, String sourceIp, String detail) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                    INSERT INTO metacortex.audit_log (at, actor, action, target, outcome, source_ip, detail)
                    VALUES (:at, :actor, :action, :target, :outcome, :sourceIp, :detail)
                    """)
                    .bind("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .bind("actor", actor)
                    .bind("action", action)
                    .bind("target", target)
                    .bind("outcome", outcome.name())
                    .bind("sourceIp", sourceIp)
                    .bind("detail", detail)
                    .execute());
        } catch (RuntimeException e) {
            LOG.error(
                    "Could not record audit entry {} {} {} by {}: {}", action, target, outcome, actor, e.getMessage());
        }
    }

    /**
     * @param before only entries with a smaller id (the previous page's last id), or null for the newest
     * @param action only this action, or null
     * @param actor only this actor, or null
     * @return at most {@code limit} entries, newest first
     */
    public List<Entry> page(Long before, String action, String actor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM metacortex.audit_log WHERE TRUE");
        if (before != null) {
            sql.append(" AND id < :before");
        }
        if (action != null) {
            sql.append(" AND action = :action");
        }
        if (actor != null) {
            sql.append(" AND actor = :actor");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql.toString()).bind("limit", limit);
            if (before != null) {
                query.bind("before", before);
            }
            if (action != null) {
                query.bind("action", action);
            }
            if (actor != null) {
                query.bind("actor", actor);
            }
            return query.map((rs, ctx) -> new Entry(
                            rs.getLong("id"),
                            rs.getObject("at", OffsetDateTime.class).toInstant(),
                            rs.getString("actor"),
                            rs.getString("action"),
                            rs.getString("target"),
                            Outcome.valueOf(rs.getString("outcome")),
                            rs.getString("source_ip"),
                            rs.getString("detail")))
                    .list();
        });
    }
}
