package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static io.metacortex.plugin.testing.TestUsers.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.PageQuery;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestUriInfo;
import io.metacortex.tasks.TasksPlugin;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The routes added in 1.2.0 called as methods, on a real database: projects, tags, status, delegation, history,
 * notifications and the new list filters; their status codes and error bodies, and that refused requests change
 * nothing.
 */
class ModuleRoutesTest {

    private static final User BERLINER = new User() {
        private final UUID id = UUID.randomUUID();

        @Override
        public UUID id() {
            return id;
        }

        @Override
        public String email() {
            return "berlin@example.com";
        }

        @Override
        public String displayName() {
            return "Berliner";
        }

        @Override
        public Set<String> roles() {
            return Set.of(User.ROLE_USER);
        }

        @Override
        public ZoneId timeZone() {
            return ZoneId.of("Europe/Berlin");
        }
    };

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("tasks", TasksPlugin.class);

    private static final TaskResource tasks = new TaskResource(TasksHarness.service(DB));
    private static final ProjectResource projects = new ProjectResource(new ProjectService(DB.jdbi()));
    private static final TagResource tags = new TagResource(new TagService(DB.jdbi()));

    private static Task create(User user, TaskRequest request) {
        return (Task) tasks.create(user, request, TestUriInfo.at("http://localhost/api/tasks"))
                .getEntity();
    }

    private static TaskRequest titled(String title) {
        return new TaskRequest(title, null, null, null, null, null, null);
    }

    private static TaskPage list(User user, String projectId, String delegated) {
        return tasks.list(user, null, null, null, null, null, null, projectId, delegated, PageQuery.of(null, null));
    }

    private static int count(String table) {
        return DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM " + table)
                        .mapTo(Integer.class)
                        .one());
    }

    @Test
    void projectRoutes() {
        Response created = projects.create(
                ALICE, new ProjectRequest("Home"), TestUriInfo.at("http://localhost/api/tasks/projects"));
        Project home = (Project) created.getEntity();
        String id = Long.toString(home.id());

        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.getLocation()).isEqualTo(URI.create("http://localhost/api/tasks/projects/" + id));
        assertThat(projects.get(ALICE, id)).isEqualTo(home);
        assertThat(projects.patch(ALICE, id, new ProjectRequest("House")).name())
                .isEqualTo("House");
        assertThat(projects.list(ALICE, PageQuery.of(null, null)).items())
                .extracting(Project::name)
                .containsExactly("House");
        assertThat(failsWith(404, () -> projects.get(BOB, id)))
                .isEqualTo(new ApiError("project not found", "no project with id " + id, null));
        failsWith(404, () -> projects.get(ALICE, "abc"));
        failsWith(404, () -> projects.delete(BOB, id));
        assertThat(failsWith(400, () -> projects.list(ALICE, PageQuery.of("x", null)))
                        .fields())
                .containsOnlyKeys("limit");

        Task inside = create(ALICE, new TaskRequest("t", null, null, null, null, null, null, home.id(), null, null));
        assertThat(list(ALICE, id, null).items()).containsExactly(inside);
        projects.delete(ALICE, id);
        assertThat(tasks.get(ALICE, Long.toString(inside.id())).projectId()).isNull();
        failsWith(404, () -> projects.delete(ALICE, id));
    }

    @Test
    void badTaskFieldsAre422NamingEachAndStoreNothing() {
        Response created = projects.create(BOB, new ProjectRequest("Bob's"), TestUriInfo.at("http://x/"));
        long bobsProject = ((Project) created.getEntity()).id();

        ApiError error = failsWith(
                422,
                () -> create(ALICE, new TaskRequest("t", null, null, null, null, null, null, -1L, null, "every day")));
        ApiError foreign = failsWith(
                422,
                () -> create(ALICE, new TaskRequest("t", null, null, null, null, null, null, bobsProject, null, null)));

        assertThat(error.fields()).containsOnlyKeys("projectId", "recurrence");
        assertThat(error.fields().get("recurrence")).isEqualTo(Recurrence.MESSAGE);
        assertThat(foreign.fields()).containsExactly(entry("projectId", "no project with id " + bobsProject));
        assertThat(count("tasks")).isZero();
        assertThat(count("task_history")).isZero();
        assertThat(failsWith(400, () -> list(ALICE, "abc", "maybe")).fields())
                .containsOnlyKeys("projectId", "delegated");
    }

    @Test
    void recurrenceUsesTheCallersTimeZone() {
        Task task = create(
                BERLINER,
                new TaskRequest(
                        "stretch", null, "2026-10-24T07:00:00Z", null, null, null, null, null, null, "FREQ=DAILY"));

        tasks.changeStatus(BERLINER, Long.toString(task.id()), new StatusRequest("completed"));

        Task next = list(BERLINER, null, null).items().get(1);
        assertThat(next.due()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z"));
        assertThat(next.seriesId()).isEqualTo(task.id());
    }

    @Test
    void statusRoute() {
        Task task = create(ALICE, titled("t"));
        String id = Long.toString(task.id());

        assertThat(tasks.changeStatus(ALICE, id, new StatusRequest("IN_PROGRESS"))
                        .status())
                .isEqualTo(Status.IN_PROGRESS);
        assertThat(failsWith(422, () -> tasks.changeStatus(ALICE, id, new StatusRequest("DONE")))
                        .fields())
                .containsExactly(entry("status", "must be one of PENDING, IN_PROGRESS, COMPLETED, BLOCKED"));
        failsWith(422, () -> tasks.changeStatus(ALICE, id, new StatusRequest(null)));
        failsWith(422, () -> tasks.changeStatus(ALICE, id, null));
        failsWith(404, () -> tasks.changeStatus(BOB, id, new StatusRequest("COMPLETED")));
        assertThat(tasks.get(ALICE, id).status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void delegationRoutes() {
        Task task = create(ALICE, titled("t"));
        String id = Long.toString(task.id());

        assertThat(failsWith(422, () -> tasks.delegate(ALICE, id, new DelegateRequest("bob")))
                        .fields())
                .containsExactly(entry("assigneeId", "must be a user id (a UUID)"));
        failsWith(422, () -> tasks.delegate(ALICE, id, new DelegateRequest(null)));
        failsWith(422, () -> tasks.delegate(ALICE, id, null));
        failsWith(
                422,
                () -> tasks.delegate(
                        ALICE, id, new DelegateRequest(UUID.randomUUID().toString())));
        assertThat(tasks.get(ALICE, id).delegation()).isNull();

        Task delegated = tasks.delegate(ALICE, id, new DelegateRequest(BOB.id().toString()));
        assertThat(delegated.delegation().state()).isEqualTo(DelegationState.PENDING);
        assertThat(list(BOB, null, "true").items()).containsExactly(delegated);
        failsWith(404, () -> tasks.accept(CAROL, id));
        failsWith(404, () -> tasks.get(CAROL, id));
        assertThat(tasks.accept(BOB, id).delegation().state()).isEqualTo(DelegationState.ACCEPTED);
        failsWith(409, () -> tasks.decline(BOB, id));
        assertThat(tasks.changeStatus(BOB, id, new StatusRequest("COMPLETED")).status())
                .isEqualTo(Status.COMPLETED);
        assertThat(tasks.history(ALICE, id, PageQuery.of(null, null)).items())
                .extracting(HistoryEntry::event)
                .containsExactly(
                        HistoryEvent.CREATED, HistoryEvent.DELEGATED, HistoryEvent.ACCEPTED, HistoryEvent.COMPLETED);
        failsWith(404, () -> tasks.history(CAROL, id, PageQuery.of(null, null)));
        assertThat(failsWith(400, () -> tasks.history(ALICE, id, PageQuery.of("500", null)))
                        .fields())
                .containsOnlyKeys("limit");

        tasks.delete(ALICE, id);
        assertThat(tasks.notifications(BOB, PageQuery.of(null, null)).items())
                .extracting(Notification::taskId)
                .containsExactly(task.id());
        assertThat(tasks.notifications(CAROL, PageQuery.of(null, null)).items()).isEmpty();
        failsWith(400, () -> tasks.notifications(BOB, PageQuery.of(null, "bad")));
    }

    @Test
    void tagRoutes() {
        create(ALICE, new TaskRequest("t", null, null, null, null, List.of("Home", "work"), null));
        Tag home = tags.list(ALICE, PageQuery.of(null, null)).items().get(0);
        String id = Long.toString(home.id());

        assertThat(tags.get(ALICE, id)).isEqualTo(new Tag(home.id(), "home", 1));
        assertThat(tags.patch(ALICE, id, new TagRequest("House")).name()).isEqualTo("house");
        assertThat(failsWith(422, () -> tags.rename(ALICE, id, new TagRequest("")))
                        .fields())
                .containsOnlyKeys("name");
        failsWith(404, () -> tags.get(BOB, id));
        failsWith(404, () -> tags.delete(BOB, id));
        failsWith(404, () -> tags.get(ALICE, "x"));
        tags.delete(ALICE, id);
        assertThat(tasks.list(ALICE, null, null, null, null, null, null, null, null, PageQuery.of(null, null))
                        .items()
                        .get(0)
                        .tags())
                .containsExactly("work");
        failsWith(404, () -> tags.delete(ALICE, id));
    }
}
