package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.PageCursor;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskQueryParserTest {

    @Test
    void defaultsToTheFirstPageOfFiftyWithoutFilters() {
        assertThat(TaskQueryParser.parse(null, null, null, null, null, null, null, null))
                .isEqualTo(TaskQuery.all(50));
        assertThat(TaskQueryParser.parse(List.of(), List.of(), List.of(), "", "", "", "", ""))
                .isEqualTo(TaskQuery.all(50));
    }

    @Test
    void readsEveryFilter() {
        TaskQuery query = TaskQueryParser.parse(
                List.of("pending", "BLOCKED"),
                List.of("HIGH"),
                List.of(" Work ", "home", "work"),
                "2027-01-01T00:00:00Z",
                "2026-01-01T00:00:00Z",
                "7",
                "10",
                PageCursor.encode(99));

        assertThat(query)
                .isEqualTo(new TaskQuery(
                        Set.of(Status.PENDING, Status.BLOCKED),
                        Set.of(Priority.HIGH),
                        List.of("home", "work"),
                        Instant.parse("2027-01-01T00:00:00Z"),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        7L,
                        99,
                        10));
    }

    @Test
    void readsTheProjectAndDelegatedFilters() {
        TaskQuery query = TaskQueryParser.parse(null, null, null, null, null, null, " 4 ", "TRUE", null, null);

        assertThat(query).isEqualTo(TaskQuery.all(50).inProject(4L).delegatedToCaller());
        assertThat(TaskQueryParser.parse(null, null, null, null, null, null, null, "false", null, null))
                .isEqualTo(TaskQuery.all(50));
        assertThat(failsWith(
                                400,
                                () -> TaskQueryParser.parse(null, null, null, null, null, null, "0", "yes", null, null))
                        .fields())
                .containsExactly(
                        entry("projectId", "must be a project id (a positive integer)"),
                        entry("delegated", "must be true or false"));
    }

    @Test
    void rejectsAnUnknownStatusNamingTheAcceptedValues() {
        ApiError error =
                failsWith(400, () -> TaskQueryParser.parse(List.of("DONE"), null, null, null, null, null, null, null));

        assertThat(error.error()).isEqualTo("invalid query parameter");
        assertThat(error.fields())
                .containsExactly(entry("status", "must be one of PENDING, IN_PROGRESS, COMPLETED, BLOCKED"));
    }

    @Test
    void reportsEveryBadParameterAtOnce() {
        ApiError error = failsWith(
                400,
                () -> TaskQueryParser.parse(
                        null,
                        List.of("urgent"),
                        List.of(" "),
                        "soon",
                        "2026-13-01T00:00:00Z",
                        "abc",
                        "0",
                        "not-a-cursor"));

        assertThat(error.fields())
                .containsOnlyKeys("priority", "tag", "dueBefore", "dueAfter", "parentId", "limit", "cursor");
        assertThat(error.fields()).contains(entry("limit", "must be an integer from 1 to 200"));
    }

    @Test
    void acceptsLimitsFromOneToTwoHundred() {
        assertThat(TaskQueryParser.parse(null, null, null, null, null, null, "1", null)
                        .limit())
                .isEqualTo(1);
        assertThat(TaskQueryParser.parse(null, null, null, null, null, null, "200", null)
                        .limit())
                .isEqualTo(200);
        failsWith(400, () -> TaskQueryParser.parse(null, null, null, null, null, null, "201", null));
        failsWith(400, () -> TaskQueryParser.parse(null, null, null, null, null, null, "ten", null));
    }

    @Test
    void cursorsRoundTripAndForgeriesAreRejected() {
        assertThat(PageCursor.decode(PageCursor.encode(123))).hasValue(123);
        assertThat(PageCursor.decode("MTIz")).isEmpty(); // base64 of "123", without the prefix
        assertThat(PageCursor.decode("!!!")).isEmpty();
        assertThat(PageCursor.decode(PageCursor.encode(-5))).isEmpty();
    }
}
