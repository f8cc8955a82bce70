package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static io.metacortex.tasks.internal.Drafts.titled;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.RowLevelSecurityRole;
import io.metacortex.tasks.TasksPlugin;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * V9: no policy holds a subquery, so a statement plans only its own (a policy's subquery was planned into every
 * statement on its table, with the policies of the tables it read: bench/README.md, "The task list").
 *
 * <p>V8 and the list's single-value filters: with many users, a user's page of tasks is read in id order from an owner-first
 * index and stops after the page, under row-level security, instead of sorting all of the user's tasks (what the
 * planner chose before V8, bench/run-scale). Planner choices depend on statistics, so the table is seeded as the
 * bench seeds it, at a smaller size, and analysed.
 */
class ListPlanTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB =
            PluginDatabaseExtension.of("tasks", TasksPlugin.class).withRowLevelSecurityRole();

    @Test
    void v8IsAppliedAndKeepsTheAssigneeRule() {
        List<String> policies = DB.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT policyname || ': ' || qual FROM pg_policies"
                                        + " WHERE schemaname = 'plugin_tasks' AND tablename = 'tasks'"
                                        + " AND policyname IN ('tasks_assignee_read', 'tasks_assignee_update') ORDER BY policyname")
                        .mapTo(String.class)
                        .list());
        assertThat(policies)
                .containsExactly(
                        "tasks_assignee_read: caller_is(assignee_id)", "tasks_assignee_update: caller_is(assignee_id)");
        long bobs = DB.jdbi().withHandle(h -> {
            long id = new TaskDao(h, BOB.id()).insert(titled("bob's")).id();
            new TaskDao(h, BOB.id()).delegate(id, ALICE.id());
            return id;
        });
        try (Handle role = DB.role().open()) {
            RowLevelSecurityRole.actAs(role, ALICE.id().toString());
            assertThat(role.createQuery("SELECT id FROM plugin_tasks.tasks")
                            .mapTo(Long.class)
                            .list())
                    .containsExactly(bobs);
        }
    }

    @Test
    void noPolicyHoldsASubquery() {
        List<String> policies = DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT tablename || '.' || policyname FROM pg_policies"
                                + " WHERE schemaname = 'plugin_tasks' ORDER BY 1")
                        .mapTo(String.class)
                        .list());
        List<String> withSubqueries = DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT tablename || '.' || policyname FROM pg_policies"
                                + " WHERE schemaname = 'plugin_tasks'"
                                + " AND (qual ILIKE '%select%' OR with_check ILIKE '%select%') ORDER BY 1")
                        .mapTo(String.class)
                        .list());
        assertThat(policies).hasSizeGreaterThan(10);
        assertThat(withSubqueries).isEmpty();
    }

    @Test
    void aPageWithTagsPlansNoSubqueryButItsOwn() {
        DB.jdbi().useHandle(h -> new TaskDao(h, ALICE.id()).insert(Drafts.withTags(titled("tagged"), "home", "work")));
        try (Handle role = DB.role().open()) {
            RowLevelSecurityRole.actAs(role, ALICE.id().toString());
            role.execute("SET search_path = plugin_tasks");
            String plan = String.join(
                    "\n",
                    role.createQuery("EXPLAIN SELECT t.id, ARRAY(SELECT g.name FROM task_tags tt JOIN tags g"
                                    + " ON g.id = tt.tag_id WHERE tt.task_id = t.id ORDER BY g.name) AS tags"
                                    + " FROM tasks t WHERE t.owner_id = :user AND t.id > 0 ORDER BY t.id LIMIT 20")
                            .bind("user", ALICE.id())
                            .mapTo(String.class)
                            .list());
            assertThat(plan.split("SubPlan", -1)).as(plan).hasSize(2);
            assertThat(plan).contains("task_visible(", "tag_on_visible_task(");
        }
    }

    @Test
    void aPageAmongAnotherUsersTaggedTasksAsksNoVisibilityFunction() {
        // A visibility function runs per row it is asked about: a page of Alice's own tasks is settled by the owner
        // test, so none may run, however many tagged tasks Bob has (with the functions' default cost the planner read
        // every tag and asked about Bob's: 800 ms a page, bench/run-requests).
        // 1,000 tasks each, interleaved, all tagged, as bench/run-requests seeds them; Bob's tags first in the table,
        // where a scan of it meets them before Alice's.
        DB.jdbi().useHandle(h -> {
            h.execute("""
                    INSERT INTO tags (owner_id, name)
                    VALUES (CAST(? AS uuid), 'chores'), (CAST(? AS uuid), 'gym'), (CAST(? AS uuid), 'work'),
                           (CAST(? AS uuid), 'home'), (CAST(? AS uuid), 'work')""", BOB.id(), BOB.id(), BOB.id(), ALICE.id(), ALICE.id());
            h.execute("""
                    INSERT INTO tasks (owner_id, title)
                    SELECT CAST(CASE WHEN g % 2 = 0 THEN ? ELSE ? END AS uuid), 'task ' || g
                      FROM generate_series(1, 2000) g""", ALICE.id().toString(), BOB.id().toString());
            h.execute("""
                    INSERT INTO task_tags (task_id, tag_id, owner_id)
                    SELECT t.id, g.id, t.owner_id FROM tasks t JOIN tags g ON g.owner_id = t.owner_id""");
            h.execute("ANALYZE tasks");
            h.execute("ANALYZE tags");
            h.execute("ANALYZE task_tags");
        });
        long calls = DB.jdbi().inTransaction(h -> {
            h.execute("SET LOCAL track_functions = 'pl'");
            h.execute("SET LOCAL ROLE " + DB.role().name());
            h.execute("SET LOCAL search_path = plugin_tasks");
            h.createQuery("SELECT set_config('app.user_id', :id, true)")
                    .bind("id", ALICE.id().toString())
                    .mapTo(String.class)
                    .one();
            List<Task> page = new TaskDao(h, ALICE.id()).list(TaskQuery.all(20));
            assertThat(page)
                    .hasSize(20)
                    .allSatisfy(task -> assertThat(task.tags()).containsExactly("home", "work"));
            return h.createQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions"
                            + " WHERE schemaname = 'plugin_tasks'")
                    .mapTo(Long.class)
                    .one();
        });
        assertThat(calls).isZero();
    }

    @Test
    void aPageOfOneUserAmongManyIsReadInIndexOrderWithoutSortingTheUsersTasks() {
        // 40,000 tasks of 400 users; Alice owns every 20th (2,000), a quarter of them PENDING.
        DB.jdbi().useHandle(h -> h.execute("""
                INSERT INTO tasks (owner_id, title, status, completed_at)
                SELECT CASE WHEN g % 20 = 0 THEN CAST(? AS uuid)
                            ELSE CAST('00000000-0000-4000-8000-' || lpad((g % 399)::text, 12, '0') AS uuid) END,
                       'task ' || g, (ARRAY['PENDING','IN_PROGRESS','COMPLETED','BLOCKED'])[1 + (g / 20) % 4],
                       CASE WHEN (g / 20) % 4 = 2 THEN now() END
                  FROM generate_series(1, 40000) g""", ALICE.id()));
        DB.jdbi().useHandle(h -> h.execute("ANALYZE tasks"));
        try (Handle role = DB.role().open()) {
            RowLevelSecurityRole.actAs(role, ALICE.id().toString());
            role.execute("SET search_path = plugin_tasks");
            for (String filter : List.of("", " AND t.status = 'PENDING'", " AND t.priority = 'MEDIUM'")) {
                for (long after : List.of(0L, 20_000L)) {
                    String plan = String.join(
                            "\n",
                            role.createQuery("EXPLAIN SELECT t.id FROM tasks t WHERE t.owner_id = :user AND t.id > "
                                            + after + filter + " ORDER BY t.id LIMIT 20")
                                    .bind("user", ALICE.id())
                                    .mapTo(String.class)
                                    .list());
                    assertThat(plan)
                            .as("plan of the page after %d%s", after, filter)
                            .startsWith("Limit")
                            .contains("Index Scan using tasks_owner_")
                            .doesNotContain("Sort", "Bitmap");
                }
            }
        }
        TaskService service = new TaskService(DB.jdbi());
        assertThat(service.list(ALICE.id(), TaskQuery.all(20)).items())
                .hasSize(20)
                .allSatisfy(task -> assertThat(task.ownerId()).isEqualTo(ALICE.id()));
    }
}
