package io.metacortex.notes.internal;

import static io.metacortex.notes.internal.NoteResourceTest.note;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.notes.NotesPlugin;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.PageQuery;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestUriInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Full-text search ({@code GET /api/notes?q=}) on PostgreSQL: matching, ranking, snippets, filters, paging. */
class SearchTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("notes", NotesPlugin.class);

    private static final NoteResource resource = NotesHarness.resource(DB, new FakeTaskLookup());

    private static Note create(User user, NoteRequest request) {
        return (Note) resource.create(user, request, TestUriInfo.at("http://localhost/api/notes"))
                .getEntity();
    }

    private static NotePage<NoteSummary> search(
            String q, List<String> tags, String archived, String limit, String cursor) {
        return resource.list(ALICE, q, tags, null, archived, null, PageQuery.of(limit, cursor));
    }

    private static List<String> titles(String q) {
        return search(q, List.of(), null, null, null).items().stream()
                .map(NoteSummary::title)
                .toList();
    }

    @Test
    void aTitleHitRanksAboveABodyHit() {
        create(ALICE, note("Groceries", "remember the kiwi and bread"));
        create(ALICE, note("Kiwi", "a fruit"));
        create(ALICE, note("Unrelated", "nothing here"));

        assertThat(titles("kiwi")).containsExactly("Kiwi", "Groceries");
    }

    @Test
    void wordsAreStemmedAndTheQueryUsesWebSearchSyntax() {
        create(ALICE, note("Standup", "The meetings ran long"));
        create(ALICE, note("Retro", "a meeting about the budget"));
        create(ALICE, note("Budget", "numbers"));

        assertThat(titles("meeting")).containsExactlyInAnyOrder("Standup", "Retro");
        assertThat(titles("meeting -budget")).containsExactly("Standup");
        assertThat(titles("\"ran long\"")).containsExactly("Standup");
        assertThat(titles("meeting or numbers")).containsExactlyInAnyOrder("Standup", "Retro", "Budget");
        assertThat(titles("the")).as("only stop words: nothing to search for").isEmpty();
    }

    @Test
    void eachHitHasASnippetWithTheMatchHighlightedAndTheBodyEscaped() {
        create(
                ALICE,
                note(
                        "Security",
                        "Filler words first. Then <script>alert(1)</script> & the deployment "
                                + "checklist, \"quoted\" and it's done."));

        NoteSummary hit =
                search("deployment", List.of(), null, null, null).items().get(0);

        assertThat(hit.snippet())
                .contains("<mark>deployment</mark>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;")
                .contains("&quot;quoted&quot;")
                .contains("it&#39;s")
                .doesNotContain("<script>");
        assertThat(hit.snippet().replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
        assertThat(resource.list(ALICE, null, null, null, null, null, PageQuery.of(null, null))
                        .items()
                        .get(0)
                        .snippet())
                .as("plain lists have no snippet")
                .isNull();
    }

    @Test
    void searchCombinesWithTagAndArchivedFilters() {
        create(ALICE, note("Work plan", "project roadmap", "work"));
        create(ALICE, note("Home plan", "garden roadmap", "home"));
        create(ALICE, new NoteRequest("Old plan", "archived roadmap", List.of("work"), null, null, true));
        create(BOB, note("Bob's plan", "bob's roadmap", "work"));

        assertThat(search("roadmap", List.of("work"), null, null, null).items())
                .extracting(NoteSummary::title)
                .containsExactly("Work plan");
        assertThat(search("roadmap", List.of("work"), "true", null, null).items())
                .extracting(NoteSummary::title)
                .containsExactly("Old plan");
        assertThat(search("roadmap", List.of(), "any", null, null).items())
                .extracting(NoteSummary::title)
                .containsExactlyInAnyOrder("Work plan", "Home plan", "Old plan");
    }

    @Test
    void resultsPageByRankWithoutGapsOrDuplicates() {
        create(ALICE, note("Alpha", "alpha beta gamma"));
        create(ALICE, note("Beta", "beta"));
        create(ALICE, note("Gamma", "beta beta beta delta"));
        create(ALICE, note("Delta", "delta beta"));
        create(ALICE, note("Epsilon", "beta"));

        List<String> all = titles("beta");
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            NotePage<NoteSummary> page = search("beta", List.of(), null, "2", cursor);
            page.items().forEach(n -> paged.add(n.title()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(all).hasSize(5).startsWith("Beta");
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void editsAreSearchableAtOnce() {
        Note note = create(ALICE, note("Recipe", "flour"));
        resource.patch(ALICE, Long.toString(note.id()), new NoteRequest(null, "sugar", null, null, null, null));

        assertThat(titles("flour")).isEmpty();
        assertThat(titles("sugar")).containsExactly("Recipe");
    }
}
