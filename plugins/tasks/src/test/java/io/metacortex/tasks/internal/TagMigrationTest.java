package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.plugin.testing.PluginDatabase;
import io.metacortex.tasks.TasksPlugin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** V4 moves the tags of rows written by 1.1.0 (tasks.tags TEXT[]) into tags and task_tags: every task keeps them. */
class TagMigrationTest {

    @Test
    void existingRowsKeepTheirTagsPerOwner() {
        try (PluginDatabase db = PluginDatabase.createAt("tasks", TasksPlugin.class, "3")) {
            db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO tasks (owner_id, title, tags) VALUES (?, 'a1', '{home,work}')", ALICE.id());
                h.execute("INSERT INTO tasks (owner_id, title, tags) VALUES (?, 'a2', '{home}')", ALICE.id());
                h.execute("INSERT INTO tasks (owner_id, title, tags) VALUES (?, 'b1', '{home}')", BOB.id());
                h.execute("INSERT INTO tasks (owner_id, title) VALUES (?, 'untagged')", BOB.id());
                h.execute("INSERT INTO tasks (title, tags) VALUES ('no owner', '{old}')");
            });

            db.migrate("latest");

            TaskService service = new TaskService(db.jdbi());
            List<Task> alices = service.list(ALICE.id(), TaskQuery.all(10)).items();
            List<Task> bobs = service.list(BOB.id(), TaskQuery.all(10)).items();
            assertThat(alices)
                    .extracting(Task::title, Task::tags)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("a1", List.of("home", "work")),
                            org.assertj.core.groups.Tuple.tuple("a2", List.of("home")));
            assertThat(bobs)
                    .extracting(Task::title, Task::tags)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("b1", List.of("home")),
                            org.assertj.core.groups.Tuple.tuple("untagged", List.of()));
            assertThat(alices).extracting(Task::seriesId).containsExactly(1L, 2L);
            assertThat(new TagService(db.jdbi())
                            .list(ALICE.id(), PageRequest.first(10))
                            .items())
                    .extracting(Tag::name, Tag::taskCount)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("home", 2L),
                            org.assertj.core.groups.Tuple.tuple("work", 1L));
            List<String> ownerless = db.jdbi()
                    .withHandle(h -> h.createQuery("""
                    SELECT g.name FROM task_tags tt JOIN tags g ON g.id = tt.tag_id JOIN tasks t ON t.id = tt.task_id
                     WHERE t.title = 'no owner'""").mapTo(String.class).list());
            int oldColumns = db.jdbi()
                    .withHandle(h -> h.createQuery(
                                    "SELECT count(*) FROM information_schema.columns"
                                            + " WHERE table_schema = 'plugin_tasks' AND table_name = 'tasks' AND column_name = 'tags'")
                            .mapTo(Integer.class)
                            .one());
            assertThat(ownerless).as("kept for the ownerless row too").containsExactly("old");
            assertThat(oldColumns).isZero();
        }
    }
}
