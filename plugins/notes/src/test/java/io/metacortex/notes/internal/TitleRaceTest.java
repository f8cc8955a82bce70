package io.metacortex.notes.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.notes.NotesPlugin;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two creations of one title at once: the second passes the service's check (the first is not committed yet), then
 * waits on the unique index and fails when the first commits; it must still answer 409 naming the other note.
 */
class TitleRaceTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("notes", NotesPlugin.class);

    @Test
    void theLoserOfARaceForATitleGets409() throws Exception {
        NoteService service = new NoteService(DB.jdbi(), new FakeTaskLookup());
        NoteDraft draft = new NoteDraft("Race", "", List.of(), List.of(), false, false);
        StoredNote first;
        CompletableFuture<ApiError> second;
        try (Handle winner = DB.jdbi().open()) {
            winner.begin();
            first = new NoteDao(winner, ALICE.id()).insert(draft);

            second = CompletableFuture.supplyAsync(() -> failsWith(
                    409,
                    () -> service.create(ALICE.id(), new NoteDraft("RACE", "", List.of(), List.of(), false, false))));
            awaitAnInsertWaitingForALock();
            winner.commit();
        }

        ApiError error = second.get(30, TimeUnit.SECONDS);
        assertThat(error.fields().get("title"))
                .contains("(id " + first.id() + ")")
                .contains("\"RACE\"");
        assertThat(DB.count("notes")).isEqualTo(1);
        assertThat(DB.count("note_versions"))
                .as("the loser's transaction left nothing")
                .isZero();
    }

    /** Polls PostgreSQL's view of its backends (not a fixed sleep) until the second insert is blocked. */
    private static void awaitAnInsertWaitingForALock() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            boolean waiting = DB.jdbi()
                    .withHandle(h -> h.createQuery("""
                    SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                                    WHERE datname = current_database() AND wait_event_type = 'Lock'
                                      AND query LIKE 'INSERT INTO notes%')""").mapTo(Boolean.class).one());
            if (waiting) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the second insert never waited for the first");
    }
}
