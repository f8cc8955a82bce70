package io.metacortex.notes.internal;

import static io.metacortex.notes.internal.NoteResourceTest.note;
import static io.metacortex.notes.internal.NoteResourceTest.titled;
import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.metacortex.notes.NotesPlugin;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.PageQuery;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestUriInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wiki links resolved at read time, backlinks, and the version history with revert, through the resource. */
class LinksAndVersionsTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("notes", NotesPlugin.class);

    private static final NoteResource resource = NotesHarness.resource(DB, new FakeTaskLookup());

    private static Note create(User user, NoteRequest request) {
        return (Note) resource.create(user, request, TestUriInfo.at("http://localhost/api/notes"))
                .getEntity();
    }

    private static String id(Note note) {
        return Long.toString(note.id());
    }

    private static List<String> backlinkTitles(User user, Note note) {
        return resource.backlinks(user, id(note), PageQuery.of(null, null)).items().stream()
                .map(NoteSummary::title)
                .toList();
    }

    @Test
    void aLinkWrittenBeforeItsTargetResolvesOnceTheTargetExists() {
        Note source = create(ALICE, note("Source", "See [[Budget 2027]] and [[budget 2027|the budget]]."));

        assertThat(source.links()).containsExactly(new NoteLink("Budget 2027", null));

        Note target = create(ALICE, titled("BUDGET 2027"));

        assertThat(resource.get(ALICE, id(source)).links()).containsExactly(new NoteLink("Budget 2027", target.id()));
        assertThat(backlinkTitles(ALICE, target)).containsExactly("Source");
    }

    @Test
    void linksFollowTheBodyAndTheTargetsTitle() {
        Note a = create(ALICE, titled("A"));
        Note b = create(ALICE, titled("B"));
        Note source = create(ALICE, note("Source", "[[A]] then [[B|bee]] then [[Nowhere]] then [[a]]"));

        assertThat(source.links())
                .containsExactly(new NoteLink("A", a.id()), new NoteLink("B", b.id()), new NoteLink("Nowhere", null));

        resource.patch(ALICE, id(b), new NoteRequest("B renamed", null, null, null, null, null));
        Note edited = resource.patch(
                ALICE, id(source), new NoteRequest(null, "only [[B renamed]] now", null, null, null, null));

        assertThat(edited.links()).containsExactly(new NoteLink("B renamed", b.id()));
        assertThat(backlinkTitles(ALICE, a)).isEmpty();
        assertThat(backlinkTitles(ALICE, b)).containsExactly("Source");
        resource.delete(ALICE, id(b));
        assertThat(resource.get(ALICE, id(source)).links()).containsExactly(new NoteLink("B renamed", null));
    }

    @Test
    void linksInCodeAreText() {
        Note source = create(ALICE, note("Source", "`[[Inline]]`\n```\n[[Fenced]]\n```\n[[Real]]"));

        assertThat(source.links()).extracting(NoteLink::title).containsExactly("Real");
    }

    @Test
    void backlinksAreTheOwnersOtherNotesByTitleAndPaged() {
        Note target = create(ALICE, note("Target", "I link to myself: [[Target]]"));
        for (String title : List.of("c", "A", "b", "D")) {
            create(ALICE, note(title, "about [[target]]"));
        }
        create(ALICE, note("unrelated", "[[Elsewhere]]"));
        create(BOB, note("Target", "bob's own"));
        create(BOB, note("Bob's", "[[Target]]"));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            NotePage<NoteSummary> page = resource.backlinks(ALICE, id(target), PageQuery.of("3", cursor));
            page.items().forEach(n -> seen.add(n.title()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).containsExactly("A", "b", "c", "D");
        assertThat(failsWith(400, () -> resource.backlinks(ALICE, id(target), PageQuery.of("0", "junk")))
                        .fields())
                .containsOnlyKeys("limit", "cursor");
    }

    @Test
    void everyContentChangeIsAVersionAndOtherSavesAreNot() {
        Note note = create(ALICE, note("Draft", "v1", "a"));
        String id = id(note);

        resource.patch(ALICE, id, new NoteRequest(null, "v2", null, null, null, null));
        resource.patch(ALICE, id, new NoteRequest(null, null, null, null, true, true));
        resource.patch(ALICE, id, new NoteRequest(null, null, null, List.of(5L), null, null));
        Note unchanged =
                resource.replace(ALICE, id, new NoteRequest("Draft", "v2", List.of("A"), List.of(5L), true, true));
        Note retitled = resource.patch(ALICE, id, new NoteRequest("Final", null, List.of("b"), null, null, null));

        assertThat(unchanged.version()).isEqualTo(2);
        assertThat(retitled.version()).isEqualTo(3);
        NotePage<VersionSummary> versions = resource.versions(ALICE, id, PageQuery.of(null, null));
        assertThat(versions.items())
                .extracting(VersionSummary::number, VersionSummary::title, VersionSummary::tags)
                .containsExactly(
                        tuple(3, "Final", List.of("b")),
                        tuple(2, "Draft", List.of("a")),
                        tuple(1, "Draft", List.of("a")));
        assertThat(resource.version(ALICE, id, "1").body()).isEqualTo("v1");
        assertThat(resource.version(ALICE, id, "2").body()).isEqualTo("v2");
    }

    @Test
    void versionsPageNewestFirst() {
        Note note = create(ALICE, titled("t"));
        for (int i = 2; i <= 5; i++) {
            resource.patch(ALICE, id(note), new NoteRequest(null, "v" + i, null, null, null, null));
        }

        NotePage<VersionSummary> first = resource.versions(ALICE, id(note), PageQuery.of("2", null));
        NotePage<VersionSummary> second = resource.versions(ALICE, id(note), PageQuery.of("2", first.nextCursor()));
        NotePage<VersionSummary> third = resource.versions(ALICE, id(note), PageQuery.of("2", second.nextCursor()));

        assertThat(first.items()).extracting(VersionSummary::number).containsExactly(5, 4);
        assertThat(second.items()).extracting(VersionSummary::number).containsExactly(3, 2);
        assertThat(third.items()).extracting(VersionSummary::number).containsExactly(1);
        assertThat(third.nextCursor()).isNull();
    }

    @Test
    void revertSavesTheOldContentAsANewVersion() {
        Note note = create(ALICE, new NoteRequest("Plan", "first [[A]]", List.of("x"), List.of(7L), false, false));
        String id = id(note);
        resource.replace(ALICE, id, new NoteRequest("Plan B", "second [[B]]", List.of("y"), List.of(7L), true, false));

        Note reverted = resource.revert(ALICE, id, "1");

        assertThat(reverted)
                .extracting(Note::title, Note::body, Note::tags, Note::taskIds, Note::pinned, Note::version)
                .containsExactly("Plan", "first [[A]]", List.of("x"), List.of(7L), true, 3);
        assertThat(reverted.links()).extracting(NoteLink::title).containsExactly("A");
        NoteVersion third = resource.version(ALICE, id, "3");
        assertThat(third)
                .extracting(NoteVersion::title, NoteVersion::body, NoteVersion::tags)
                .containsExactly("Plan", "first [[A]]", List.of("x"));
        assertThat(resource.revert(ALICE, id, "3").version())
                .as("reverting to the content it has changes nothing")
                .isEqualTo(3);
    }

    @Test
    void unknownVersionsAre404AndARevertToATakenTitleIs409() {
        Note note = create(ALICE, titled("Old name"));
        String id = id(note);
        resource.patch(ALICE, id, new NoteRequest("New name", null, null, null, null, null));
        create(ALICE, titled("old NAME"));

        assertThat(failsWith(404, () -> resource.version(ALICE, id, "9")))
                .isEqualTo(new ApiError("version not found", "note " + id + " has no version 9", null));
        failsWith(404, () -> resource.version(ALICE, id, "x"));
        failsWith(404, () -> resource.revert(ALICE, id, "0"));
        failsWith(404, () -> resource.versions(ALICE, "999", PageQuery.of(null, null)));
        assertThat(failsWith(409, () -> resource.revert(ALICE, id, "1")).fields())
                .containsOnlyKeys("title");
        assertThat(resource.get(ALICE, id).version()).isEqualTo(2);
        assertThat(DB.count("note_versions")).isEqualTo(3);
    }
}
