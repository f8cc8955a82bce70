package io.metacortex.tasks.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.metacortex.plugin.support.ApiError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskRequestValidatorTest {

    private static TaskRequest request(String title) {
        return new TaskRequest(title, null, null, null, null, null, null);
    }

    @Test
    void appliesDefaultsAndTrimsTheTitle() {
        TaskDraft draft = TaskRequestValidator.validate(request("  Buy milk \n"));

        assertThat(draft)
                .isEqualTo(new TaskDraft("Buy milk", null, null, Priority.MEDIUM, Status.PENDING, List.of(), null));
    }

    @Test
    void acceptsEveryFieldAndEnumNamesInAnyCase() {
        TaskDraft draft = TaskRequestValidator.validate(
                new TaskRequest("t", "*md*", "2026-12-01T10:00:00+01:00", "high", "In_Progress", List.of("x"), 3L));

        assertThat(draft)
                .isEqualTo(new TaskDraft(
                        "t",
                        "*md*",
                        Instant.parse("2026-12-01T09:00:00Z"),
                        Priority.HIGH,
                        Status.IN_PROGRESS,
                        List.of("x"),
                        3L));
    }

    @Test
    void rejectsBlankAndOverlongTitles() {
        assertThat(failsWith(422, () -> TaskRequestValidator.validate(request(null)))
                        .fields())
                .containsExactly(entry("title", "must not be blank"));
        assertThat(failsWith(422, () -> TaskRequestValidator.validate(request("   ")))
                        .fields())
                .containsExactly(entry("title", "must not be blank"));
        assertThat(failsWith(422, () -> TaskRequestValidator.validate(request("x".repeat(201))))
                        .fields())
                .containsExactly(entry("title", "must be at most 200 characters"));
        assertThat(TaskRequestValidator.validate(request(" " + "x".repeat(200) + " "))
                        .title())
                .hasSize(200);
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String twoHundredEmoji = "\uD83D\uDE00".repeat(200);
        assertThat(TaskRequestValidator.validate(request(twoHundredEmoji)).title())
                .isEqualTo(twoHundredEmoji);
    }

    @Test
    void rejectsAnOverlongDescription() {
        TaskRequest request = new TaskRequest("t", "d".repeat(20_001), null, null, null, null, null);
        assertThat(failsWith(422, () -> TaskRequestValidator.validate(request)).fields())
                .containsOnlyKeys("description");
    }

    @Test
    void reportsEveryInvalidFieldAtOnceInTheHostShape() {
        TaskRequest request = new TaskRequest("", null, "tomorrow", "URGENT", "DONE", List.of(" "), 0L);

        ApiError error = failsWith(422, () -> TaskRequestValidator.validate(request));

        assertThat(error.error()).isEqualTo("validation failed");
        assertThat(error.fields())
                .containsExactly(
                        entry("title", "must not be blank"),
                        entry("due", "must be an ISO-8601 instant such as 2026-12-01T09:00:00Z"),
                        entry("priority", "must be one of LOW, MEDIUM, HIGH"),
                        entry("status", "must be one of PENDING, IN_PROGRESS, COMPLETED, BLOCKED"),
                        entry("tags", "each tag must be 1 to 50 characters after trimming"),
                        entry("parentId", "no task with id 0"));
        assertThat(error.detail()).startsWith("title must not be blank; due must be");
    }

    @Test
    void normalisesTagsTrimmedLowerCaseUniqueAndSorted() {
        TaskRequest request =
                new TaskRequest("t", null, null, null, null, List.of(" Work", "home ", "WORK", "b"), null);
        assertThat(TaskRequestValidator.validate(request).tags()).containsExactly("b", "home", "work");
    }

    @Test
    void limitsTagLengthAndCount() {
        TaskRequest longTag = new TaskRequest("t", null, null, null, null, List.of("x".repeat(51)), null);
        assertThat(failsWith(422, () -> TaskRequestValidator.validate(longTag)).fields())
                .containsOnlyKeys("tags");

        List<String> twentyOne =
                IntStream.rangeClosed(1, 21).mapToObj(i -> "t" + i).toList();
        TaskRequest tooMany = new TaskRequest("t", null, null, null, null, twentyOne, null);
        assertThat(failsWith(422, () -> TaskRequestValidator.validate(tooMany)).fields())
                .containsExactly(entry("tags", "must hold at most 20 distinct tags"));

        List<String> twentyWithDuplicates = new ArrayList<>(twentyOne.subList(0, 20));
        twentyWithDuplicates.addAll(Arrays.asList("T1", " t2 "));
        TaskRequest duplicates = new TaskRequest("t", null, null, null, null, twentyWithDuplicates, null);
        assertThat(TaskRequestValidator.validate(duplicates).tags()).hasSize(20);
    }

    @Test
    void rejectsANullTag() {
        TaskRequest request = new TaskRequest("t", null, null, null, null, Arrays.asList("a", null), null);
        assertThat(failsWith(422, () -> TaskRequestValidator.validate(request)).fields())
                .containsOnlyKeys("tags");
    }

    @Test
    void rejectsAMissingBody() {
        ApiError error = failsWith(422, () -> TaskRequestValidator.validate(null));
        assertThat(error.error()).isEqualTo("validation failed");
        assertThat(error.fields()).isNull();
    }
}
