package io.metacortex.bench;

import static io.metacortex.bench.Bench.require;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One size of the tasks table for the list at scale: a database of its own, a host on it with the tasks plugin, the
 * bench user (created through the admin API) owning {@code userTasks} tasks, and as many other users as it takes to
 * reach {@code totalTasks} rows, their tasks interleaved with the bench user's (users write at the same time, so one
 * user's rows are spread over the table). Seeded with SQL as the superuser, then ANALYZEd.
 */
final class TaskScale {

    /** The list's SELECT as TaskDao builds it for {@code where}, for EXPLAIN. */
    private static final String LIST = """
            SELECT t.id, t.owner_id, t.title, t.description, t.due, t.priority, t.status, t.parent_id, t.project_id,
                   t.complete_when_subtasks_done, t.recurrence, t.recurrence_start, t.series_id, t.assignee_id,
                   t.delegation_state, t.delegated_at, t.created_at, t.updated_at, t.completed_at,
                   ARRAY(SELECT g.name FROM task_tags tt JOIN tags g ON g.id = tt.tag_id
                          WHERE tt.task_id = t.id ORDER BY g.name) AS tags
              FROM tasks t WHERE %s ORDER BY t.id LIMIT 20""";

    final String name;
    final String db;
    final long totalTasks;
    final int userTasks;
    final BenchHost host;
    private final BenchDatabase database;
    String userId;
    /** The measured query strings, by label: first pages and a page half-way through the user's tasks. */
    final Map<String, String> queries = new LinkedHashMap<>();
    /** The afterId of each later page, for EXPLAIN. */
    private final Map<String, Long> afterIds = new LinkedHashMap<>();

    TaskScale(String name, String db, long totalTasks, int userTasks, BenchHost host, BenchDatabase database) {
        this.name = name;
        this.db = db;
        this.totalTasks = totalTasks;
        this.userTasks = userTasks;
        this.host = host;
        this.database = database;
    }

    /** Starts the host on its database (tasks plugin only) and waits until the plugin is active. */
    void start() throws Exception {
        host.start(database, db, List.of("tasks"), "");
        host.awaitPlugins(List.of("tasks"));
    }

    /** With the host started on a fresh database: creates the user, seeds, analyses, and finds the later pages. */
    void seed() throws Exception {
        userId = host.createUser(name + "@example.com", "Scale " + name);
        long step = totalTasks / userTasks;
        int others = (int) Math.max(1, totalTasks / 1000 - 1);
        // i: the task's number among its owner's; the bench user's tasks get the same columns at every size.
        String rows = """
                SELECT g AS id,
                       CASE WHEN g %% %1$d = 0 THEN '%2$s'::uuid
                            ELSE ('00000000-0000-4000-8000-' || lpad((g %% %3$d)::text, 12, '0'))::uuid END AS owner,
                       CASE WHEN g %% %1$d = 0 THEN g / %1$d ELSE g END AS i
                  FROM generate_series(1, %4$d) g""".formatted(step, userId, others, totalTasks);
        try (Connection c = database.connect(db);
                Statement st = c.createStatement()) {
            // Consistent by construction: skip the triggers (foreign keys, series_id) while seeding, set series_id.
            st.execute("SET session_replication_role = replica");
            st.execute("""
                    INSERT INTO plugin_tasks.tasks (id, series_id, owner_id, title, description, priority, status, due,
                                                    completed_at, created_at, updated_at)
                    SELECT id, id, owner, 'Seeded task ' || i, CASE WHEN i %% 3 = 0 THEN 'Notes for task ' || i END,
                           (ARRAY['LOW','MEDIUM','HIGH'])[1 + i %% 3],
                           (ARRAY['PENDING','IN_PROGRESS','COMPLETED','BLOCKED'])[1 + i %% 4],
                           CASE WHEN i %% 5 <> 0 THEN now() + i * interval '1 hour' END,
                           CASE WHEN i %% 4 = 2 THEN now() END, now() - interval '1 day', now() - interval '1 day'
                      FROM (%s) r ORDER BY id""".formatted(rows));
            st.execute("SELECT setval(pg_get_serial_sequence('plugin_tasks.tasks', 'id'), " + totalTasks + ")");
            st.execute("""
                    INSERT INTO plugin_tasks.tags (owner_id, name)
                    SELECT o.owner_id, 'tag' || d
                      FROM (SELECT DISTINCT owner_id FROM plugin_tasks.tasks) o CROSS JOIN generate_series(0, 4) d""");
            // Each task has one of its owner's five tags.
            st.execute("""
                    INSERT INTO plugin_tasks.task_tags (task_id, tag_id, owner_id)
                    SELECT t.id, g.id, t.owner_id
                      FROM plugin_tasks.tasks t
                      JOIN plugin_tasks.tags g ON g.owner_id = t.owner_id
                           AND g.name = 'tag' || (substring(t.title FROM 'Seeded task ([0-9]+)')::int %% 5)""".formatted());
            st.execute("SET session_replication_role = origin");
            st.execute("VACUUM ANALYZE plugin_tasks.tasks");
            st.execute("VACUUM ANALYZE plugin_tasks.tags");
            st.execute("VACUUM ANALYZE plugin_tasks.task_tags");
        }
        require(
                database.count(db, "SELECT count(*) FROM plugin_tasks.tasks WHERE owner_id = '" + userId + "'")
                        == userTasks,
                "the bench user does not own " + userTasks + " tasks");
        queries.put("first page", "limit=20");
        queries.put("later page", "limit=20&cursor=" + cursorAfter("", userTasks / 2, "later page"));
        queries.put("PENDING first page", "status=PENDING&limit=20");
        queries.put(
                "PENDING later page",
                "status=PENDING&limit=20&cursor="
                        + cursorAfter("status=PENDING&", userTasks / 8, "PENDING later page"));
    }

    /** Pages through the user's list, 200 at a time. @return the cursor after the first {@code skip} tasks */
    private String cursorAfter(String filter, int skip, String label) throws Exception {
        String cursor = null;
        long lastId = 0;
        for (int seen = 0; seen < skip; ) {
            JsonNode page = host.send(
                    "GET",
                    "/api/tasks?" + filter + "limit=" + Math.min(200, skip - seen)
                            + (cursor == null ? "" : "&cursor=" + cursor),
                    "",
                    200);
            seen += page.get("items").size();
            lastId = page.get("items")
                    .get(page.get("items").size() - 1)
                    .get("id")
                    .asLong();
            cursor = page.get("nextCursor").asText();
        }
        afterIds.put(label, lastId);
        return cursor;
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) of the list's query for each measured page, run as the plugin's role with the bench
     * user's {@code app.user_id} (so row-level security applies as it does in the host), once to warm the cache and
     * once for the plan reported.
     */
    Map<String, String> explain() throws Exception {
        Map<String, String> plans = new LinkedHashMap<>();
        try (Connection c = database.connect(db);
                Statement st = c.createStatement()) {
            st.execute("SET ROLE plugin_tasks");
            st.execute("SET search_path = plugin_tasks");
            st.execute("SELECT set_config('app.user_id', '" + userId + "', false)");
            for (String label : queries.keySet()) {
                List<String> where = new ArrayList<>(List.of("t.owner_id = '" + userId + "'"));
                where.add("t.id > " + afterIds.getOrDefault(label, 0L));
                if (label.startsWith("PENDING")) {
                    where.add("t.status = 'PENDING'"); // one status: TaskDao compares it with "="
                }
                String sql = "EXPLAIN (ANALYZE, BUFFERS) " + LIST.formatted(String.join(" AND ", where));
                st.execute(sql);
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                plans.put(label, plan.toString());
            }
            st.execute("RESET ROLE");
        }
        return plans;
    }
}
