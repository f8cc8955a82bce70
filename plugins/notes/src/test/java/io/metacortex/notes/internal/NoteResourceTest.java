package io.metacortex.notes.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.metacortex.notes.NotesPlugin;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.support.DatabaseHealthCheck;
import io.metacortex.plugin.support.PageCursor;
import io.metacortex.plugin.support.PageQuery;
import io.metacortex.plugin.support.Tags;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestUriInfo;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The routes called as methods, on a real database: status codes, headers, error bodies, and what is stored. */
class NoteResourceTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("notes", NotesPlugin.class);

    private static final FakeTaskLookup tasks = new FakeTaskLookup();
    private static final NoteResource resource = NotesHarness.resource(DB, tasks);

    @BeforeEach
    void clearTheTaskLookup() {
        tasks.clear();
    }

    static Note create(User user, NoteRequest request) {
        return (Note) resource.create(user, request, TestUriInfo.at("http://localhost/api/notes"))
                .getEntity();
    }

    static NoteRequest titled(String title) {
        return new NoteRequest(title, null, null, null, null, null);
    }

    static NoteRequest note(String title, String body, String... tags) {
        return new NoteRequest(title, body, List.of(tags), null, null, null);
    }

    private static NotePage<NoteSummary> list(User user, String... parameters) {
        String q = null;
        String pinned = null;
        String archived = null;
        String sort = null;
        String limit = null;
        String cursor = null;
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < parameters.length; i += 2) {
            String value = parameters[i + 1];
            switch (parameters[i]) {
                case "q" -> q = value;
                case "tag" -> tags.add(value);
                case "pinned" -> pinned = value;
                case "archived" -> archived = value;
                case "sort" -> sort = value;
                case "limit" -> limit = value;
                case "cursor" -> cursor = value;
                default -> throw new IllegalArgumentException(parameters[i]);
            }
        }
        return resource.list(user, q, tags, pinned, archived, sort, PageQuery.of(limit, cursor));
    }

    private static List<String> titles(NotePage<NoteSummary> page) {
        return page.items().stream().map(NoteSummary::title).toList();
    }

    /** Every row of every table, as text: what "nothing changed" compares. */
    private static List<String> everything() {
        return DB.jdbi().withHandle(h -> {
            List<String> rows = new ArrayList<>();
            rows.addAll(h.createQuery("SELECT n::text FROM notes n ORDER BY id")
                    .mapTo(String.class)
                    .list());
            rows.addAll(h.createQuery("SELECT l::text FROM note_links l ORDER BY source_id, position")
                    .mapTo(String.class)
                    .list());
            rows.addAll(h.createQuery("SELECT v::text FROM note_versions v ORDER BY note_id, number")
                    .mapTo(String.class)
                    .list());
            return rows;
        });
    }

    @Test
    void createAnswers201WithTheNoteAndItsLocation() {
        Response response = resource.create(
                ALICE,
                new NoteRequest(
                        "  Meeting notes ",
                        "# Agenda\n- [[Budget]]",
                        List.of("Work", " work", "Q4"),
                        List.of(3L, 1L, 3L),
                        true,
                        null),
                TestUriInfo.at("http://localhost/api/notes"));

        Note note = (Note) response.getEntity();
        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getLocation()).isEqualTo(URI.create("http://localhost/api/notes/" + note.id()));
        assertThat(note)
                .extracting(
                        Note::title, Note::body, Note::tags, Note::taskIds, Note::pinned, Note::archived, Note::version)
                .containsExactly(
                        "Meeting notes",
                        "# Agenda\n- [[Budget]]",
                        List.of("q4", "work"),
                        List.of(1L, 3L),
                        true,
                        false,
                        1);
        assertThat(note.links()).containsExactly(new NoteLink("Budget", null));
        assertThat(note.createdAt()).isNotNull().isEqualTo(note.updatedAt());
        assertThat(resource.get(ALICE, Long.toString(note.id()))).isEqualTo(note);
    }

    @Test
    void absentFieldsTakeTheirDefaults() {
        Note note = create(ALICE, titled("t"));

        assertThat(note)
                .extracting(Note::body, Note::tags, Note::taskIds, Note::tasks, Note::pinned, Note::archived)
                .containsExactly("", List.of(), List.of(), List.of(), false, false);
    }

    @Test
    void invalidFieldsAre422NamingEachAndStoreNothing() {
        create(ALICE, note("kept", "body", "a"));
        List<String> before = everything();

        ApiError error = failsWith(
                422,
                () -> resource.create(
                        ALICE,
                        new NoteRequest(" ", "x".repeat(100_001), List.of("ok", " "), List.of(1L, -2L), null, null),
                        TestUriInfo.at("http://x/")));

        assertThat(error.error()).isEqualTo("validation failed");
        assertThat(error.fields())
                .containsOnly(
                        entry("title", "must not be blank"),
                        entry("body", "must be at most 100000 characters"),
                        entry("tags", Tags.TAG_MESSAGE),
                        entry("taskIds", "each task id must be a positive integer"));
        assertThat(failsWith(422, () -> create(ALICE, titled("x".repeat(201)))).fields())
                .containsExactly(entry("title", "must be at most 200 characters"));
        assertThat(failsWith(422, () -> create(ALICE, titled("a [[b]]"))).fields())
                .containsOnlyKeys("title");
        List<String> tooManyTags = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooManyTags.add("t" + i);
        }
        assertThat(failsWith(422, () -> create(ALICE, new NoteRequest("t", null, tooManyTags, null, null, null)))
                        .fields())
                .containsExactly(entry("tags", "must hold at most 20 distinct tags"));
        failsWith(422, () -> resource.create(ALICE, null, TestUriInfo.at("http://x/")));
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void invalidSavesAre422AndChangeNothing() {
        Note note = create(ALICE, note("kept", "see [[Other]]", "a"));
        String id = Long.toString(note.id());
        List<String> before = everything();

        failsWith(422, () -> resource.replace(ALICE, id, titled("")));
        failsWith(422, () -> resource.replace(ALICE, id, null));
        failsWith(
                422,
                () -> resource.patch(
                        ALICE, id, new NoteRequest(null, null, List.of("x".repeat(51)), null, null, null)));
        failsWith(422, () -> resource.patch(ALICE, id, null));

        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void aDuplicateTitleIs409NamingItWhateverItsCase() {
        Note first = create(ALICE, titled("Project Plan"));
        Note other = create(ALICE, titled("Other"));
        List<String> before = everything();

        ApiError created = failsWith(409, () -> create(ALICE, titled(" project PLAN ")));
        ApiError renamed =
                failsWith(409, () -> resource.replace(ALICE, Long.toString(other.id()), titled("PROJECT plan")));

        assertThat(created.error()).isEqualTo("title already used");
        assertThat(created.fields()).containsOnlyKeys("title");
        assertThat(created.fields().get("title")).contains("\"project PLAN\"").contains("id " + first.id());
        assertThat(renamed.fields().get("title")).contains("\"PROJECT plan\"");
        assertThat(everything()).isEqualTo(before);
        assertThat(create(BOB, titled("Project Plan")).title())
                .as("titles are unique per user only")
                .isEqualTo("Project Plan");
        assertThat(resource.replace(ALICE, Long.toString(first.id()), titled("project plan"))
                        .title())
                .as("a note may change the case of its own title")
                .isEqualTo("project plan");
    }

    @Test
    void putReplacesEveryFieldAndPatchOnlyThoseGiven() {
        Note note = create(ALICE, new NoteRequest("t", "body", List.of("a"), List.of(1L), true, false));
        String id = Long.toString(note.id());

        Note patched = resource.patch(ALICE, id, new NoteRequest(null, null, null, null, null, true));
        Note replaced = resource.replace(ALICE, id, titled("t2"));

        assertThat(patched)
                .extracting(Note::title, Note::body, Note::tags, Note::taskIds, Note::pinned, Note::archived)
                .containsExactly("t", "body", List.of("a"), List.of(1L), true, true);
        assertThat(replaced)
                .extracting(Note::title, Note::body, Note::tags, Note::taskIds, Note::pinned, Note::archived)
                .containsExactly("t2", "", List.of(), List.of(), false, false);
        assertThat(resource.get(ALICE, id)).isEqualTo(replaced);
    }

    @Test
    void getAndDeleteAnswer404ForUnknownIds() {
        Note note = create(ALICE, titled("t"));

        assertThat(failsWith(404, () -> resource.get(ALICE, "42")))
                .isEqualTo(new ApiError("note not found", "no note with id 42", null));
        assertThat(failsWith(404, () -> resource.get(ALICE, "abc")).detail()).isEqualTo("no note with id abc");
        assertThat(failsWith(404, () -> resource.get(ALICE, "0")).detail()).isEqualTo("no note with id 0");
        assertThat(failsWith(404, () -> resource.get(ALICE, "9".repeat(100))).detail())
                .hasSizeLessThan(70);

        resource.delete(ALICE, Long.toString(note.id()));

        failsWith(404, () -> resource.get(ALICE, Long.toString(note.id())));
        failsWith(404, () -> resource.delete(ALICE, Long.toString(note.id())));
        assertThat(DB.count("note_versions"))
                .as("the history goes with the note")
                .isZero();
    }

    @Test
    void anotherUsersNoteAnswers404OnEveryRouteAndStaysUnchanged() {
        Note note =
                create(ALICE, new NoteRequest("Alice's", "[[Alice's]] secret", List.of("private"), null, null, null));
        String id = Long.toString(note.id());
        List<String> before = everything();

        ApiError read = failsWith(404, () -> resource.get(BOB, id));
        failsWith(404, () -> resource.replace(BOB, id, titled("taken over")));
        failsWith(404, () -> resource.patch(BOB, id, new NoteRequest(null, null, null, null, true, null)));
        failsWith(404, () -> resource.delete(BOB, id));
        failsWith(404, () -> resource.backlinks(BOB, id, PageQuery.of(null, null)));
        failsWith(404, () -> resource.versions(BOB, id, PageQuery.of(null, null)));
        failsWith(404, () -> resource.version(BOB, id, "1"));
        failsWith(404, () -> resource.revert(BOB, id, "1"));

        assertThat(read).isEqualTo(new ApiError("note not found", "no note with id " + id, null));
        assertThat(list(BOB).items()).isEmpty();
        assertThat(list(BOB, "q", "secret").items()).isEmpty();
        assertThat(list(BOB, "tag", "private", "archived", "any").items()).isEmpty();
        assertThat(everything()).isEqualTo(before);
        assertThat(resource.get(ALICE, id)).isEqualTo(note);
    }

    @Test
    void archivedNotesAreHiddenUnlessAskedFor() {
        create(ALICE, titled("live"));
        create(ALICE, new NoteRequest("old", null, null, null, null, true));
        create(ALICE, new NoteRequest("pinned", null, null, null, true, null));

        assertThat(titles(list(ALICE, "sort", "title"))).containsExactly("live", "pinned");
        assertThat(titles(list(ALICE, "archived", "true"))).containsExactly("old");
        assertThat(titles(list(ALICE, "archived", "any", "sort", "title"))).containsExactly("live", "old", "pinned");
        assertThat(titles(list(ALICE, "pinned", "true"))).containsExactly("pinned");
        assertThat(titles(list(ALICE, "pinned", "false", "archived", "any", "sort", "title")))
                .containsExactly("live", "old");
    }

    @Test
    void tagFiltersMustAllMatch() {
        create(ALICE, note("a", "", "work", "urgent"));
        create(ALICE, note("b", "", "work"));
        create(ALICE, note("c", "", "home", "urgent"));

        assertThat(titles(list(ALICE, "tag", "Work", "sort", "title"))).containsExactly("a", "b");
        assertThat(titles(list(ALICE, "tag", "work", "tag", "URGENT"))).containsExactly("a");
        assertThat(list(ALICE, "tag", "none").items()).isEmpty();
    }

    @Test
    void eachSortPagesWithoutGapsOrDuplicates() {
        List<String> created = new ArrayList<>();
        for (String title : List.of("delta", "Alpha", "charlie", "Echo", "bravo")) {
            created.add(create(ALICE, titled(title)).title());
        }
        // Saving bravo then Alpha makes them the most recently updated.
        resource.patch(ALICE, "5", new NoteRequest(null, "changed", null, null, null, null));
        resource.patch(ALICE, "2", new NoteRequest(null, "changed", null, null, null, null));

        assertThat(allPages("title")).containsExactly("Alpha", "bravo", "charlie", "delta", "Echo");
        assertThat(allPages("created")).containsExactly("bravo", "Echo", "charlie", "Alpha", "delta");
        assertThat(allPages("updated")).containsExactly("Alpha", "bravo", "Echo", "charlie", "delta");
        assertThat(allPages(null)).containsExactly("Alpha", "bravo", "Echo", "charlie", "delta");
        assertThat(created).hasSize(5);
    }

    private static List<String> allPages(String sort) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            NotePage<NoteSummary> page = resource.list(ALICE, null, null, null, null, sort, PageQuery.of("2", cursor));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(titles(page));
            cursor = page.nextCursor();
        } while (cursor != null);
        return seen;
    }

    @Test
    void badQueryParametersAre400NamingEach() {
        ApiError error = failsWith(
                400,
                () -> list(
                        ALICE,
                        "sort",
                        "size",
                        "limit",
                        "0",
                        "pinned",
                        "yes",
                        "archived",
                        "maybe",
                        "tag",
                        " ",
                        "cursor",
                        "nonsense"));

        assertThat(error.fields()).containsOnlyKeys("sort", "limit", "pinned", "archived", "tag", "cursor");
        assertThat(error.fields().get("sort")).isEqualTo("must be one of updated, created, title");
        assertThat(failsWith(400, () -> list(ALICE, "q", "x", "sort", "title")).fields())
                .containsOnlyKeys("sort");
        assertThat(failsWith(400, () -> list(ALICE, "q", "x".repeat(501))).fields())
                .containsOnlyKeys("q");
        String titleCursor = new PageCursor("title", "a", 1).encode();
        assertThat(failsWith(400, () -> list(ALICE, "sort", "updated", "cursor", titleCursor))
                        .fields())
                .as("a cursor continues only the order it was written for")
                .containsOnlyKeys("cursor");
    }

    @Test
    void linkedTasksShowTheirTitleAndStatusOrWhyNot() {
        tasks.add(ALICE.id(), 1, "Write report", "IN_PROGRESS").add(BOB.id(), 2, "Bob's task", "PENDING");

        Note note = create(ALICE, new NoteRequest("t", null, null, List.of(2L, 1L), null, null));

        assertThat(note.taskIds()).containsExactly(1L, 2L);
        assertThat(note.tasks())
                .containsExactly(
                        new LinkedTask(1, "Write report", "IN_PROGRESS"), new LinkedTask(2, null, "NOT_FOUND"));
        tasks.unavailable();
        assertThat(resource.get(ALICE, Long.toString(note.id())).tasks())
                .containsExactly(new LinkedTask(1, null, "UNAVAILABLE"), new LinkedTask(2, null, "UNAVAILABLE"));
        assertThat(list(ALICE).items().get(0).taskIds()).containsExactly(1L, 2L);
    }

    @Test
    void tooManyTaskIdsAre422() {
        List<Long> ids = new ArrayList<>();
        for (long i = 1; i <= 51; i++) {
            ids.add(i);
        }
        assertThat(failsWith(422, () -> create(ALICE, new NoteRequest("t", null, null, ids, null, null)))
                        .fields())
                .containsExactly(entry("taskIds", "must hold at most 50 distinct task ids"));
    }

    @Test
    void theMapperAnswersWithTheCarriedResponse() {
        Response response = new ApiExceptionMapper().toResponse(NoteErrors.noteNotFound("7"));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType().toString()).isEqualTo("application/json");
        assertThat(response.getEntity()).isEqualTo(new ApiError("note not found", "no note with id 7", null));
    }

    @Test
    void theHealthCheckFindsTheTable() {
        assertThat(new DatabaseHealthCheck(DB.jdbi(), "notes").execute().isHealthy())
                .isTrue();
    }
}
