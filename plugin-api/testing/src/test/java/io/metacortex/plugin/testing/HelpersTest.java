package io.metacortex.plugin.testing;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.ApiException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HelpersTest {

    record Item(String name, Instant at, Optional<String> note) {}

    @Test
    void theMapperWritesIsoDatesAndOptionalsAndIgnoresUnknownFields() throws Exception {
        ObjectMapper mapper = PluginObjectMapper.create();

        assertThat(mapper.writeValueAsString(new Item("a", Instant.parse("2026-11-26T10:00:00Z"), Optional.empty())))
                .isEqualTo("{\"name\":\"a\",\"at\":\"2026-11-26T10:00:00Z\",\"note\":null}");
        assertThat(mapper.readValue("{\"name\":\"b\",\"extra\":1}", Item.class))
                .as("an absent Optional is empty, not null")
                .isEqualTo(new Item("b", null, Optional.empty()));
    }

    @Test
    void usersAreOrdinaryDistinctAndCanChangeTimeZone() {
        assertThat(TestUsers.ALICE.id()).isNotEqualTo(TestUsers.BOB.id());
        assertThat(TestUsers.ALICE.roles()).containsExactly(User.ROLE_USER);
        assertThat(TestUsers.EXISTING)
                .containsExactlyInAnyOrder(TestUsers.ALICE.id(), TestUsers.BOB.id(), TestUsers.CAROL.id());

        User moved = TestUsers.inZone(TestUsers.ALICE, "Europe/Berlin");
        assertThat(moved.id()).isEqualTo(TestUsers.ALICE.id());
        assertThat(moved.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(TestUsers.user("d@example.com", "D", "Asia/Tokyo").timeZone())
                .isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void theUriInfoBuildsFromTheAbsolutePathOnly() {
        assertThat(TestUriInfo.at("http://localhost/api/tasks")
                        .getAbsolutePathBuilder()
                        .path("7")
                        .build())
                .hasToString("http://localhost/api/tasks/7");
        assertThatThrownBy(() -> TestUriInfo.at("http://localhost/").getPath())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void failsWithReturnsTheBodyAndChecksTheStatus() {
        assertThat(failsWith(404, () -> {
                            throw ApiException.notFound("widget not found", "no widget with id 7");
                        })
                        .error())
                .isEqualTo("widget not found");

        assertThatThrownBy(() -> failsWith(400, () -> {
                    throw ApiException.notFound("widget not found", null);
                }))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> failsWith(404, () -> {})).isInstanceOf(AssertionError.class);
    }
}
