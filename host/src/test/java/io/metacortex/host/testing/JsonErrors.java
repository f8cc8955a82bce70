package io.metacortex.host.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.RunningHost.Reply;

/** Assertions on the host's error answers to request bodies. */
public final class JsonErrors {

    private JsonErrors() {}

    /** Asserts a 422 "validation failed" naming exactly {@code field}, with {@code message} and no Java internals. */
    public static void assertRefused(Reply reply, String field, String message) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().get("error").asText()).isEqualTo("validation failed");
        assertThat(reply.json().get("fields").size()).as(reply.body()).isEqualTo(1);
        assertThat(reply.json().get("fields").path(field).asText())
                .as(reply.body())
                .isEqualTo(message);
        assertThat(reply.body()).doesNotContain("java", "Cannot", "`");
    }
}
