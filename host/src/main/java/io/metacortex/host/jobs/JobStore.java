package io.metacortex.host.jobs;

import com.github.kagkarlsson.scheduler.task.Execution;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The host's own statements on db-scheduler's table, for what db-scheduler has no operation for: holding plugins'
 * jobs back and releasing them, failing a job for good, listing, retrying and deleting jobs for admins, and the
 * figures of the metrics and the health check. db-scheduler's optimistic locking is respected: a statement on a job
 * being run changes its {@code version} only where db-scheduler would, so the run's own completion still applies or
 * finds the job gone.
 */
final class JobStore {

    static final String TABLE = "metacortex.scheduled_tasks";
    private static final String PLUGIN_JOBS = "task_name = '" + PluginJobTask.NAME + "'";
    private static final String HELD = "picked AND picked_by IN ('metacortex:paused', 'metacortex:orphaned')";

    private static final JobDataSerializer SERIALIZER = new JobDataSerializer();

    private final Jdbi jdbi;

    JobStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Holds back a job that was picked to run, as {@code state}; with {@code data}, also records a failed run.
     *
     * @return whether the job was still as picked (not cancelled or changed meanwhile)
     */
    boolean hold(Execution execution, JobState state, byte[] data, Instant failedAt) {
        String failure = data == null
                ? ""
                : ", task_data = :data, last_failure = :failedAt, consecutive_failures = coalesce(consecutive_failures, 0) + 1";
        return jdbi.withHandle(h -> {
                    var update = h.createUpdate("UPDATE " + TABLE
                                    + " SET picked = TRUE, picked_by = :marker, last_heartbeat = NULL,"
                                    + " version = version + 1" + failure
                                    + " WHERE task_name = :name AND task_instance = :instance AND version = :version")
                            .bind("marker", state.marker())
                            .bind("name", execution.taskInstance.getTaskName())
                            .bind("instance", execution.taskInstance.getId())
                            .bind("version", execution.version);
                    if (data != null) {
                        update.bind("data", data).bind("failedAt", utc(failedAt));
                    }
                    return update.execute();
                })
                == 1;
    }

    /** Lets a plugin's held jobs of these types run again: its running version registers them. */
    int release(String pluginId, Collection<String> types) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE " + TABLE
                        + " SET picked = FALSE, picked_by = NULL, version = version + 1"
                        + " WHERE " + PLUGIN_JOBS + " AND plugin_id = :plugin AND " + HELD
                        + " AND job_type = ANY(:types)")
                .bind("plugin", pluginId)
                .bindArray("types", String.class, types)
                .execute());
    }

    /**
     * Holds back the plugin's waiting (or paused) jobs of types other than these, as orphaned.
     *
     * @return the plugin's orphaned jobs by type, after the change
     */
    Map<String, Integer> orphanAllBut(String pluginId, Collection<String> types) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("UPDATE " + TABLE
                            + " SET picked = TRUE, picked_by = 'metacortex:orphaned', last_heartbeat = NULL,"
                            + " version = version + 1"
                            + " WHERE " + PLUGIN_JOBS + " AND plugin_id = :plugin AND job_type <> ALL(:types)"
                            + " AND (NOT picked OR picked_by = 'metacortex:paused')")
                    .bind("plugin", pluginId)
                    .bindArray("types", String.class, types)
                    .execute();
            Map<String, Integer> orphaned = new LinkedHashMap<>();
            h.createQuery("SELECT job_type, count(*) FROM " + TABLE + " WHERE " + PLUGIN_JOBS
                            + " AND plugin_id = :plugin AND picked_by = 'metacortex:orphaned'"
                            + " GROUP BY job_type ORDER BY job_type")
                    .bind("plugin", pluginId)
                    .map((rs, ctx) -> orphaned.put(rs.getString(1), rs.getInt(2)))
                    .list();
            return orphaned;
        });
    }

    /** Holds back every waiting job of the plugin, as paused: it no longer runs. */
    int pause(String pluginId) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE " + TABLE
                        + " SET picked = TRUE, picked_by = 'metacortex:paused', last_heartbeat = NULL,"
                        + " version = version + 1 WHERE " + PLUGIN_JOBS + " AND plugin_id = :plugin AND NOT picked")
                .bind("plugin", pluginId)
                .execute());
    }

    /** Deletes every job of the plugin, in any state: it was purged. */
    int deleteAll(String pluginId) {
        return jdbi.withHandle(
                h -> h.createUpdate("DELETE FROM " + TABLE + " WHERE " + PLUGIN_JOBS + " AND plugin_id = :plugin")
                        .bind("plugin", pluginId)
                        .execute());
    }

    /** Deletes one job, in any state (a run in progress finishes, but finds it gone). @return whether it existed */
    boolean delete(JobId id) {
        return jdbi.withHandle(h -> h.createUpdate(
                                "DELETE FROM " + TABLE + " WHERE " + PLUGIN_JOBS + " AND task_instance = :instance")
                        .bind("instance", id.instance())
                        .execute())
                == 1;
    }

    /** Deletes one job by its admin id, in any state. @return whether it existed */
    boolean delete(long id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM " + TABLE + " WHERE " + PLUGIN_JOBS + " AND id = :id")
                        .bind("id", id)
                        .execute())
                == 1;
    }

    /**
     * Lets a failed or waiting job run now, with its attempts counted from zero again.
     *
     * @return whether the job was in one of those states
     */
    boolean retryNow(long id, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE " + TABLE
                                + " SET picked = FALSE, picked_by = NULL, last_heartbeat = NULL, execution_time = :now,"
                                + " consecutive_failures = 0, version = version + 1"
                                + " WHERE " + PLUGIN_JOBS + " AND id = :id"
                                + " AND (NOT picked OR picked_by = 'metacortex:failed')")
                        .bind("id", id)
                        .bind("now", utc(now))
                        .execute())
                == 1;
    }

    Optional<JobView> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(select() + " AND id = :id")
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findOne());
    }

    /**
     * @param before only jobs with a smaller id (the previous page's last), or null for the newest
     * @return at most {@code limit} jobs, newest first, of the plugin, state and type asked for (each may be null)
     */
    List<JobView> page(Long before, String pluginId, JobState state, String type, int limit) {
        StringBuilder sql = new StringBuilder(select());
        if (before != null) {
            sql.append(" AND id < :before");
        }
        if (pluginId != null) {
            sql.append(" AND plugin_id = :plugin");
        }
        if (type != null) {
            sql.append(" AND job_type = :type");
        }
        if (state != null) {
            sql.append(" AND ").append(JobState.SQL).append(" = :state");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql.toString()).bind("limit", limit);
            if (before != null) {
                query.bind("before", before);
            }
            if (pluginId != null) {
                query.bind("plugin", pluginId);
            }
            if (type != null) {
                query.bind("type", type);
            }
            if (state != null) {
                query.bind("state", state.label());
            }
            return query.map((rs, ctx) -> row(rs)).list();
        });
    }

    /** The jobs of one plugin and type that are due and waiting, and how long the oldest of them has waited. */
    record Backlog(String plugin, String type, long due, Instant oldestDue, Map<String, Long> byState) {}

    /** @return every plugin and job type with jobs, with its backlog at {@code now} */
    List<Backlog> backlog(Instant now) {
        return jdbi.withHandle(h -> {
            Map<List<String>, Map<String, Long>> states = new LinkedHashMap<>();
            h.createQuery("SELECT plugin_id, job_type, " + JobState.SQL + " AS state, count(*) FROM " + TABLE
                            + " WHERE " + PLUGIN_JOBS + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")
                    .map((rs, ctx) -> states.computeIfAbsent(
                                    List.of(rs.getString(1), rs.getString(2)), k -> new LinkedHashMap<>())
                            .put(rs.getString(3), rs.getLong(4)))
                    .list();
            Map<List<String>, Object[]> due = new LinkedHashMap<>();
            h.createQuery("SELECT plugin_id, job_type, count(*), min(execution_time) FROM " + TABLE + " WHERE "
                            + PLUGIN_JOBS + " AND NOT picked AND execution_time <= :now GROUP BY 1, 2")
                    .bind("now", utc(now))
                    .map((rs, ctx) -> due.put(
                            List.of(rs.getString(1), rs.getString(2)), new Object[] {rs.getLong(3), instant(rs, 4)}))
                    .list();
            List<Backlog> backlog = new ArrayList<>();
            states.forEach((key, byState) -> {
                Object[] d = due.get(key);
                backlog.add(new Backlog(
                        key.get(0),
                        key.get(1),
                        d == null ? 0 : (long) d[0],
                        d == null ? null : (Instant) d[1],
                        byState));
            });
            return backlog;
        });
    }

    private static String select() {
        return "SELECT id, plugin_id, job_type, task_instance, " + JobState.SQL + " AS state, consecutive_failures,"
                + " execution_time, last_failure, last_success, picked_by, task_data FROM " + TABLE + " WHERE "
                + PLUGIN_JOBS;
    }

    private static JobView row(ResultSet rs) throws SQLException {
        String state = rs.getString("state");
        JobId id = JobId.parse(rs.getString("task_instance"));
        JobData data = SERIALIZER.deserialize(JobData.class, rs.getBytes("task_data"));
        return new JobView(
                rs.getLong("id"),
                id.pluginId(),
                id.type(),
                id.key(),
                state,
                rs.getInt("consecutive_failures"),
                data.maxAttempts(),
                state.equals("failed") ? null : instant(rs, "execution_time"),
                data.describeSchedule(),
                data.lastError(),
                instant(rs, "last_failure"),
                instant(rs, "last_success"),
                state.equals("running") ? rs.getString("picked_by") : null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
