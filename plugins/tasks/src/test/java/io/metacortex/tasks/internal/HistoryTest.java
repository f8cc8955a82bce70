package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static io.metacortex.tasks.internal.Drafts.titled;
import static io.metacortex.tasks.internal.Drafts.withPriority;
import static io.metacortex.tasks.internal.Drafts.withStatus;
import static io.metacortex.tasks.internal.Drafts.withTags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.tasks.TasksPlugin;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The history of a task: one entry per change, with the actor, oldest first, paged. */
class HistoryTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("tasks", TasksPlugin.class);

    private static final TaskService service = TasksHarness.service(DB);

    /** JSON objects compare regardless of key order (jsonb keeps its own). */
    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<HistoryEntry> history(Task task) {
        return service.history(ALICE.id(), task.id(), PageRequest.first(50)).items();
    }

    @Test
    void updatesRecordTheChangedFieldsAndStatusTransitionsTheirOwnEvents() {
        Task task = service.create(ALICE.id(), withTags(titled("draft"), "a"));

        service.replace(ALICE.id(), task.id(), withPriority(withTags(titled("final"), "a", "b"), Priority.HIGH));
        service.replace(ALICE.id(), task.id(), withPriority(withTags(titled("final"), "a", "b"), Priority.HIGH));
        service.replace(
                ALICE.id(),
                task.id(),
                withStatus(withPriority(withTags(titled("final"), "a", "b"), Priority.HIGH), Status.COMPLETED));
        service.changeStatus(ALICE.id(), task.id(), Status.BLOCKED);

        List<HistoryEntry> entries = history(task);
        assertThat(entries)
                .extracting(HistoryEntry::event)
                .containsExactly(
                        HistoryEvent.CREATED, HistoryEvent.UPDATED, HistoryEvent.COMPLETED, HistoryEvent.REOPENED);
        assertThat(entries).allSatisfy(e -> assertThat(e.actorId()).isEqualTo(ALICE.id()));
        assertThat(entries.get(1).details())
                .isEqualTo(
                        json(
                                "{\"title\":{\"from\":\"draft\",\"to\":\"final\"},"
                                        + "\"priority\":{\"from\":\"MEDIUM\",\"to\":\"HIGH\"},\"tags\":{\"from\":[\"a\"],\"to\":[\"a\",\"b\"]}}"));
        assertThat(entries.get(3).details().get("status").asText()).isEqualTo("BLOCKED");
        assertThat(entries).extracting(HistoryEntry::at).isSorted();
    }

    @Test
    void aStatusChangeBetweenOpenStatusesIsAnUpdate() {
        Task task = service.create(ALICE.id(), titled("t"));

        service.changeStatus(ALICE.id(), task.id(), Status.IN_PROGRESS);

        HistoryEntry update = history(task).get(1);
        assertThat(update.event()).isEqualTo(HistoryEvent.UPDATED);
        assertThat(update.details()).isEqualTo(json("{\"status\":{\"from\":\"PENDING\",\"to\":\"IN_PROGRESS\"}}"));
    }

    @Test
    void historyIsPagedAndHiddenFromOtherUsers() {
        Task task = service.create(ALICE.id(), titled("t"));
        for (int i = 0; i < 4; i++) {
            service.replace(ALICE.id(), task.id(), titled("t" + i));
        }

        Page<HistoryEntry> first = service.history(ALICE.id(), task.id(), PageRequest.parse("3", null));
        Page<HistoryEntry> second = service.history(ALICE.id(), task.id(), PageRequest.parse("3", first.nextCursor()));

        assertThat(first.items()).hasSize(3);
        assertThat(second.items()).hasSize(2);
        assertThat(second.nextCursor()).isNull();
        assertThat(second.items().get(1).details().get("title").get("to").asText())
                .isEqualTo("t3");
        assertThat(failsWith(404, () -> service.history(BOB.id(), task.id(), PageRequest.first(10)))
                        .detail())
                .isEqualTo("no task with id " + task.id());
    }

    @Test
    void aRefusedChangeWritesNoHistory() {
        Task task = service.create(ALICE.id(), titled("t"));

        failsWith(422, () -> service.replace(ALICE.id(), task.id(), Drafts.withParent(titled("t"), task.id())));
        failsWith(404, () -> service.replace(BOB.id(), task.id(), titled("x")));

        assertThat(history(task)).extracting(HistoryEntry::event).containsExactly(HistoryEvent.CREATED);
        assertThat(service.find(ALICE.id(), task.id())).contains(task);
    }
}
