package io.metacortex.host.errors;

/**
 * What every error the host answers says: a short {@code error} and a {@code detail}. {@link ErrorBody} is the usual
 * body; a refusal that lists more (such as the findings of the code check) answers with a body of its own.
 */
public interface ErrorAnswer {

    String error();

    String detail();
}
