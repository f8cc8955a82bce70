package io.metacortex.notes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Runs code expected to fail with an {@link ApiException} and returns the error body, checking the status. */
final class ApiExceptionAssert {

    private ApiExceptionAssert() {
    }

    static ApiError failsWith(int status, ThrowingCallable call) {
        ApiException e = catchThrowableOfType(ApiException.class, call);
        assertThat(e).as("expected an ApiException").isNotNull();
        assertThat(e.getResponse().getStatus()).isEqualTo(status);
        assertThat(e.getResponse().getEntity()).isSameAs(e.error());
        return e.error();
    }
}
