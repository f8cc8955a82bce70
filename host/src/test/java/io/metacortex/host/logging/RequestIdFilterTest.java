package io.metacortex.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdFilterTest {

    @Test
    void aNewIdIsARandomVersion4Uuid() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = RequestIdFilter.newId();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void aSaneIncomingIdIsKeptAndAnyOtherReplaced() {
        assertThat(RequestIdFilter.idFor("trace-42.a:b")).isEqualTo("trace-42.a:b");
        assertThat(RequestIdFilter.idFor("a".repeat(65))).hasSize(36);
        assertThat(UUID.fromString(RequestIdFilter.idFor("bad id\n")).version()).isEqualTo(4);
        assertThat(UUID.fromString(RequestIdFilter.idFor(null)).version()).isEqualTo(4);
    }
}
