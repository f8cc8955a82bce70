package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.support.DatabaseHealthCheck;
import io.metacortex.plugin.support.PageQuery;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestUriInfo;
import io.metacortex.tasks.TasksPlugin;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The routes called as methods, on a real database: status codes, headers and error bodies. */
class TaskResourceTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("tasks", TasksPlugin.class);

    private static final TaskResource resource = new TaskResource(new TaskService(DB.jdbi()));

    private static Task create(TaskRequest request) {
        return (Task) resource.create(ALICE, request, TestUriInfo.at("http://localhost/api/tasks"))
                .getEntity();
    }

    private static TaskRequest request(String title, List<String> tags, Long parentId) {
        return new TaskRequest(title, null, null, null, null, tags, parentId);
    }

    @Test
    void createAnswers201WithTheTaskAndItsLocation() {
        Response response = resource.create(
                ALICE,
                new TaskRequest("Buy milk", null, "2026-12-01T09:00:00Z", "HIGH", null, List.of("Home"), null),
                TestUriInfo.at("http://localhost/api/tasks"));

        Task task = (Task) response.getEntity();
        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getLocation()).isEqualTo(URI.create("http://localhost/api/tasks/" + task.id()));
        assertThat(task.tags()).containsExactly("home");
        assertThat(task.status()).isEqualTo(Status.PENDING);
    }

    @Test
    void createRejectsAnInvalidEnumWith422NamingTheField() {
        ApiError error = failsWith(
                422,
                () -> resource.create(
                        ALICE,
                        new TaskRequest("t", null, null, "URGENT", null, null, null),
                        TestUriInfo.at("http://x/")));

        assertThat(error.fields()).containsExactly(entry("priority", "must be one of LOW, MEDIUM, HIGH"));
    }

    @Test
    void getFindsTheTaskOrAnswers404() {
        Task task = create(request("t", null, null));

        assertThat(resource.get(ALICE, Long.toString(task.id()))).isEqualTo(task);
        assertThat(failsWith(404, () -> resource.get(ALICE, "42")))
                .isEqualTo(new ApiError("task not found", "no task with id 42", null));
        assertThat(failsWith(404, () -> resource.get(ALICE, "abc")).detail()).isEqualTo("no task with id abc");
        assertThat(failsWith(404, () -> resource.get(ALICE, "-1")).detail()).isEqualTo("no task with id -1");
        assertThat(failsWith(404, () -> resource.get(ALICE, "9".repeat(100))).detail())
                .hasSizeLessThan(70);
    }

    @Test
    void putReplacesEveryEditableFieldWithDefaultsForAbsentOnes() {
        Task task = create(new TaskRequest("t", "d", "2026-12-01T09:00:00Z", "HIGH", "BLOCKED", List.of("a"), null));

        Task replaced = resource.replace(ALICE, Long.toString(task.id()), request("new title", null, null));

        assertThat(replaced)
                .extracting(Task::title, Task::description, Task::due, Task::priority, Task::status, Task::tags)
                .containsExactly("new title", null, null, Priority.MEDIUM, Status.PENDING, List.of());
    }

    @Test
    void putAnswers404ForAnUnknownTaskAnd422ForInvalidFields() {
        Task task = create(request("t", null, null));

        failsWith(404, () -> resource.replace(ALICE, "999", request("x", null, null)));
        failsWith(404, () -> resource.replace(ALICE, "x", request("x", null, null)));
        assertThat(failsWith(422, () -> resource.replace(ALICE, Long.toString(task.id()), request(" ", null, null)))
                        .fields())
                .containsOnlyKeys("title");
    }

    @Test
    void putSetsAndClearsCompletedAt() {
        Task task = create(request("t", null, null));
        String id = Long.toString(task.id());

        Task done = resource.replace(ALICE, id, new TaskRequest("t", null, null, null, "COMPLETED", null, null));
        Task reopened = resource.replace(ALICE, id, new TaskRequest("t", null, null, null, "IN_PROGRESS", null, null));

        assertThat(done.completedAt()).isNotNull();
        assertThat(reopened.completedAt()).isNull();
    }

    @Test
    void deleteRemovesTheTaskWithItsSubtasksAndAnswers404Afterwards() {
        Task parent = create(request("parent", null, null));
        Task child = create(request("child", null, parent.id()));

        resource.delete(ALICE, Long.toString(parent.id()));

        failsWith(404, () -> resource.get(ALICE, Long.toString(child.id())));
        failsWith(404, () -> resource.delete(ALICE, Long.toString(parent.id())));
    }

    @Test
    void listFiltersAndPagesFromQueryParameters() {
        Task parent = create(request("parent", List.of("work"), null));
        Task a = create(request("a", List.of("work", "urgent"), parent.id()));
        create(request("b", List.of("home"), parent.id()));
        Task c = create(request("c", List.of("Work", "URGENT"), parent.id()));

        TaskPage first = resource.list(
                ALICE,
                null,
                null,
                List.of("work", "urgent"),
                null,
                null,
                Long.toString(parent.id()),
                null,
                null,
                PageQuery.of("1", null));
        TaskPage second = resource.list(
                ALICE,
                null,
                null,
                List.of("work", "urgent"),
                null,
                null,
                Long.toString(parent.id()),
                null,
                null,
                PageQuery.of("1", first.nextCursor()));

        assertThat(first.items()).containsExactly(a);
        assertThat(second.items()).containsExactly(c);
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void listRejectsBadFilterValuesWith400() {
        ApiError error = failsWith(
                400,
                () -> resource.list(
                        ALICE, List.of("done"), null, null, null, null, null, null, null, PageQuery.of(null, null)));

        assertThat(error.fields())
                .containsExactly(entry("status", "must be one of PENDING, IN_PROGRESS, COMPLETED, BLOCKED"));
    }

    @Test
    void anotherUsersTaskAnswers404OnEveryRouteAndStaysUnchanged() {
        Task task = create(request("alice's", List.of("private"), null));
        String id = Long.toString(task.id());

        ApiError read = failsWith(404, () -> resource.get(BOB, id));
        failsWith(404, () -> resource.replace(BOB, id, request("taken over", null, null)));
        failsWith(404, () -> resource.delete(BOB, id));

        assertThat(read).isEqualTo(new ApiError("task not found", "no task with id " + id, null));
        assertThat(resource.list(BOB, null, null, null, null, null, null, null, null, PageQuery.of(null, null))
                        .items())
                .isEmpty();
        assertThat(resource.list(BOB, null, null, null, null, null, id, null, null, PageQuery.of(null, null))
                        .items())
                .isEmpty();
        assertThat(resource.get(ALICE, id)).isEqualTo(task);
    }

    @Test
    void anotherUsersTaskCannotBeAParentAndTheErrorIsThatOfAMissingOne() {
        Task alices = create(request("alice's", null, null));
        Task bobs = (Task) resource.create(BOB, request("bob's", null, null), TestUriInfo.at("http://x/"))
                .getEntity();

        ApiError foreign = failsWith(
                422, () -> resource.create(BOB, request("child", null, alices.id()), TestUriInfo.at("http://x/")));
        ApiError moved = failsWith(
                422, () -> resource.replace(BOB, Long.toString(bobs.id()), request("bob's", null, alices.id())));
        ApiError missing =
                failsWith(422, () -> resource.create(BOB, request("child", null, 999L), TestUriInfo.at("http://x/")));

        assertThat(foreign.fields()).containsExactly(entry("parentId", "no task with id " + alices.id()));
        assertThat(moved).isEqualTo(foreign);
        assertThat(missing.fields()).containsExactly(entry("parentId", "no task with id 999"));
        assertThat(resource.list(BOB, null, null, null, null, null, null, null, null, PageQuery.of(null, null))
                        .items())
                .containsExactly(bobs);
    }

    @Test
    void theMapperAnswersWithTheCarriedResponse() {
        ApiException e = TaskErrors.taskNotFound("7");
        Response response = new ApiExceptionMapper().toResponse(e);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType().toString()).isEqualTo("application/json");
        assertThat(response.getEntity()).isEqualTo(new ApiError("task not found", "no task with id 7", null));
    }

    @Test
    void theHealthCheckFindsTheTable() {
        assertThat(new DatabaseHealthCheck(DB.jdbi(), "tasks").execute().isHealthy())
                .isTrue();
    }
}
