package io.metacortex.plugin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Runs code expected to fail with an {@link ApiException} and returns the error body, checking the status. */
public final class ApiExceptionAssert {

    private ApiExceptionAssert() {}

    /**
     * @return the body of the {@link ApiException} {@code call} throws, e.g. for
     *     {@code assertThat(failsWith(404, () -> resource.get(BOB, id)).error()).isEqualTo("task not found")}
     * @throws AssertionError when it throws none, or one with another status or a response whose entity is not the
     *     body
     */
    public static ApiError failsWith(int status, ThrowingCallable call) {
        ApiException e = catchThrowableOfType(ApiException.class, call);
        assertThat(e).as("expected an ApiException").isNotNull();
        assertThat(e.getResponse().getStatus()).isEqualTo(status);
        assertThat(e.getResponse().getEntity()).isSameAs(e.error());
        return e.error();
    }
}
