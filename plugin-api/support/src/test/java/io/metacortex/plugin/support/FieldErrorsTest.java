package io.metacortex.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldErrorsTest {

    @Test
    void nothingIsThrownWithoutErrors() {
        assertThatCode(() -> new FieldErrors().throwIfAny(ApiException::invalidBody))
                .doesNotThrowAnyException();
    }

    @Test
    void everyFieldIsReportedInTheOrderFoundAndTheFirstMessageOfAFieldStays() {
        FieldErrors errors = new FieldErrors();
        errors.add("title", "must not be blank");
        errors.add("due", "must be an ISO-8601 instant");
        errors.add("title", "must be at most 200 characters");

        ApiException e = catchThrowableOfType(ApiException.class, () -> errors.throwIfAny(ApiException::invalidBody));

        assertThat(e.getResponse().getStatus()).isEqualTo(422);
        assertThat(e.error().fields())
                .containsExactly(
                        Map.entry("title", "must not be blank"), Map.entry("due", "must be an ISO-8601 instant"));
        assertThat(e.error().detail()).isEqualTo("title must not be blank; due must be an ISO-8601 instant");
    }

    @Test
    void theThrownFieldsAreACopyThatCannotChange() {
        FieldErrors errors = new FieldErrors();
        errors.add("limit", "must be a number");

        ApiException e = catchThrowableOfType(ApiException.class, () -> errors.throwIfAny(ApiException::invalidQuery));
        errors.add("cursor", "is not a cursor of this list");

        assertThat(e.getResponse().getStatus()).isEqualTo(400);
        assertThat(e.error().fields()).containsOnlyKeys("limit");
        assertThat(catchThrowableOfType(
                        UnsupportedOperationException.class,
                        () -> e.error().fields().put("x", "y")))
                .isNotNull();
    }
}
