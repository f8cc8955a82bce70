package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static io.metacortex.tasks.internal.Drafts.titled;
import static io.metacortex.tasks.internal.Drafts.withProject;
import static io.metacortex.tasks.internal.Drafts.withTags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.tasks.TasksPlugin;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Projects and tags as entities, through their services on a real database. */
class ProjectAndTagTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("tasks", TasksPlugin.class);

    private static final TaskService tasks = new TaskService(DB.jdbi());
    private static final ProjectService projects = new ProjectService(DB.jdbi());
    private static final TagService tags = new TagService(DB.jdbi());

    private static Project project(UUID owner, String name) {
        return projects.create(owner, new ProjectRequest(name));
    }

    private static List<String> projectNames(UUID owner) {
        return projects.list(owner, PageRequest.first(50)).items().stream()
                .map(Project::name)
                .toList();
    }

    private static List<Tag> tagsOf(UUID owner) {
        return tags.list(owner, PageRequest.first(50)).items();
    }

    @Test
    void projectsAreCreatedTrimmedRenamedAndListedPerUser() {
        Project home = project(ALICE.id(), "  Home ");
        project(ALICE.id(), "Work");
        project(BOB.id(), "Home");

        Project renamed = projects.rename(ALICE.id(), home.id(), new ProjectRequest("House"));

        assertThat(home.name()).isEqualTo("Home");
        assertThat(renamed.name()).isEqualTo("House");
        assertThat(renamed.updatedAt()).isAfterOrEqualTo(home.updatedAt());
        assertThat(projectNames(ALICE.id())).containsExactly("House", "Work");
        assertThat(projectNames(BOB.id())).containsExactly("Home");
        assertThat(projects.find(ALICE.id(), home.id())).isEqualTo(renamed);
        failsWith(404, () -> projects.find(BOB.id(), home.id()));
        failsWith(404, () -> projects.rename(BOB.id(), home.id(), new ProjectRequest("taken")));
        assertThat(projects.delete(BOB.id(), home.id())).isFalse();
    }

    @Test
    void aProjectNameIsUniquePerUserIgnoringCaseAndBadNamesAre422() {
        Project home = project(ALICE.id(), "Home");
        Project work = project(ALICE.id(), "Work");

        ApiError taken = failsWith(409, () -> project(ALICE.id(), "HOME"));
        ApiError renamedOnto = failsWith(409, () -> projects.rename(ALICE.id(), work.id(), new ProjectRequest("home")));
        ApiError blank = failsWith(422, () -> project(ALICE.id(), "  "));
        ApiError tooLong = failsWith(422, () -> project(ALICE.id(), "x".repeat(101)));
        ApiError missing = failsWith(422, () -> projects.create(ALICE.id(), null));

        assertThat(taken.fields()).containsOnlyKeys("name");
        assertThat(renamedOnto.error()).isEqualTo("project name taken");
        assertThat(blank.fields()).containsExactly(entry("name", "must not be blank"));
        assertThat(tooLong.fields()).containsExactly(entry("name", "must be at most 100 characters"));
        assertThat(missing.fields()).isNull();
        assertThat(project(ALICE.id(), "x".repeat(100)).name()).hasSize(100);
        assertThat(projectNames(ALICE.id())).containsExactly("Home", "Work", "x".repeat(100));
        assertThat(projects.find(ALICE.id(), home.id()).name()).isEqualTo("Home");
    }

    @Test
    void projectsArePaged() {
        for (int i = 0; i < 5; i++) {
            project(ALICE.id(), "p" + i);
        }

        Page<Project> first = projects.list(ALICE.id(), PageRequest.parse("3", null));
        Page<Project> second = projects.list(ALICE.id(), PageRequest.parse("3", first.nextCursor()));

        assertThat(first.items()).extracting(Project::name).containsExactly("p0", "p1", "p2");
        assertThat(second.items()).extracting(Project::name).containsExactly("p3", "p4");
        assertThat(second.nextCursor()).isNull();
        assertThat(failsWith(400, () -> PageRequest.parse("0", "nonsense")).fields())
                .containsOnlyKeys("limit", "cursor");
    }

    @Test
    void aTaskBelongsToOneOfItsOwnersProjectsAndIsListedByIt() {
        Project home = project(ALICE.id(), "Home");
        Project bobs = project(BOB.id(), "Bob's");
        Task inHome = tasks.create(ALICE.id(), withProject(titled("in home"), home.id()));
        tasks.create(ALICE.id(), titled("loose"));

        ApiError foreign = failsWith(422, () -> tasks.create(ALICE.id(), withProject(titled("x"), bobs.id())));
        ApiError unknown = failsWith(422, () -> tasks.replace(ALICE.id(), inHome.id(), withProject(titled("x"), 999L)));

        assertThat(inHome.projectId()).isEqualTo(home.id());
        assertThat(foreign.fields()).containsExactly(entry("projectId", "no project with id " + bobs.id()));
        assertThat(unknown.fields()).containsExactly(entry("projectId", "no project with id 999"));
        assertThat(tasks.list(ALICE.id(), TaskQuery.all(50).inProject(home.id()))
                        .items())
                .containsExactly(inHome);
        assertThat(tasks.list(ALICE.id(), TaskQuery.all(50)).items()).hasSize(2);
        assertThat(tasks.find(ALICE.id(), inHome.id()).orElseThrow())
                .as("unchanged by the refused move")
                .isEqualTo(inHome);
    }

    @Test
    void deletingAProjectKeepsItsTasksWithoutProject() {
        Project home = project(ALICE.id(), "Home");
        Task task = tasks.create(ALICE.id(), withProject(titled("in home"), home.id()));

        assertThat(projects.delete(ALICE.id(), home.id())).isTrue();

        Task kept = tasks.find(ALICE.id(), task.id()).orElseThrow();
        assertThat(kept.projectId()).isNull();
        assertThat(kept.ownerId()).isEqualTo(ALICE.id());
        assertThat(projectNames(ALICE.id())).isEmpty();
        failsWith(404, () -> projects.find(ALICE.id(), home.id()));
    }

    @Test
    void tagsAreTheUsersOwnWithTaskCounts() {
        tasks.create(ALICE.id(), withTags(titled("a"), "home", "urgent"));
        tasks.create(ALICE.id(), withTags(titled("b"), "home"));
        tasks.create(BOB.id(), withTags(titled("c"), "home"));

        assertThat(tagsOf(ALICE.id()))
                .extracting(Tag::name, Tag::taskCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("home", 2L),
                        org.assertj.core.groups.Tuple.tuple("urgent", 1L));
        assertThat(tagsOf(BOB.id()))
                .extracting(Tag::name, Tag::taskCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("home", 1L));
        Tag bobsHome = tagsOf(BOB.id()).get(0);
        failsWith(404, () -> tags.find(ALICE.id(), bobsHome.id()));
        failsWith(404, () -> tags.rename(ALICE.id(), bobsHome.id(), new TagRequest("mine")));
        assertThat(tags.delete(ALICE.id(), bobsHome.id())).isFalse();
        assertThat(tagsOf(BOB.id())).hasSize(1);
    }

    @Test
    void renamingATagRenamesItOnItsTasksAndIntoAnExistingNameMerges() {
        Task a = tasks.create(ALICE.id(), withTags(titled("a"), "home", "house"));
        Task b = tasks.create(ALICE.id(), withTags(titled("b"), "house"));
        Task c = tasks.create(ALICE.id(), withTags(titled("c"), "todo"));
        Tag house = tagsOf(ALICE.id()).stream()
                .filter(t -> t.name().equals("house"))
                .findFirst()
                .orElseThrow();
        Tag home = tagsOf(ALICE.id()).get(0);
        Tag todo = tagsOf(ALICE.id()).get(2);

        Tag renamed = tags.rename(ALICE.id(), todo.id(), new TagRequest("  Chores "));
        Tag merged = tags.rename(ALICE.id(), house.id(), new TagRequest("HOME"));

        assertThat(renamed).isEqualTo(new Tag(todo.id(), "chores", 1));
        assertThat(merged).isEqualTo(new Tag(home.id(), "home", 2));
        assertThat(tasks.find(ALICE.id(), a.id()).orElseThrow().tags()).containsExactly("home");
        assertThat(tasks.find(ALICE.id(), b.id()).orElseThrow().tags()).containsExactly("home");
        assertThat(tasks.find(ALICE.id(), c.id()).orElseThrow().tags()).containsExactly("chores");
        assertThat(tagsOf(ALICE.id())).extracting(Tag::name).containsExactly("home", "chores");
        assertThat(tasks.list(
                                ALICE.id(),
                                new TaskQuery(
                                        java.util.Set.of(),
                                        java.util.Set.of(),
                                        List.of("home"),
                                        null,
                                        null,
                                        null,
                                        0,
                                        50))
                        .items())
                .extracting(Task::id)
                .containsExactly(a.id(), b.id());
    }

    @Test
    void aBadTagNameIs422AndChangesNothing() {
        tasks.create(ALICE.id(), withTags(titled("a"), "home"));
        Tag home = tagsOf(ALICE.id()).get(0);

        assertThat(failsWith(422, () -> tags.rename(ALICE.id(), home.id(), new TagRequest(" ")))
                        .fields())
                .containsOnlyKeys("name");
        failsWith(422, () -> tags.rename(ALICE.id(), home.id(), new TagRequest("x".repeat(51))));
        failsWith(422, () -> tags.rename(ALICE.id(), home.id(), null));

        assertThat(tagsOf(ALICE.id())).containsExactly(home);
    }

    @Test
    void deletingATagRemovesItFromItsTasksAndKeepsThem() {
        Task a = tasks.create(ALICE.id(), withTags(titled("a"), "home", "urgent"));
        Tag home = tagsOf(ALICE.id()).get(0);

        assertThat(tags.delete(ALICE.id(), home.id())).isTrue();

        assertThat(tasks.find(ALICE.id(), a.id()).orElseThrow().tags()).containsExactly("urgent");
        assertThat(tagsOf(ALICE.id())).extracting(Tag::name).containsExactly("urgent");
        assertThat(tags.delete(ALICE.id(), home.id())).isFalse();
    }

    @Test
    void editingATasksTagsReusesTheUsersTags() {
        Task a = tasks.create(ALICE.id(), withTags(titled("a"), "home"));
        tasks.replace(ALICE.id(), a.id(), withTags(titled("a"), "home", "work"));
        tasks.replace(ALICE.id(), a.id(), withTags(titled("a"), "work"));

        assertThat(tagsOf(ALICE.id()))
                .extracting(Tag::name, Tag::taskCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("home", 0L),
                        org.assertj.core.groups.Tuple.tuple("work", 1L));
    }
}
