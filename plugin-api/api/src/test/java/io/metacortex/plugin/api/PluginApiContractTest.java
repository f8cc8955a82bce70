package io.metacortex.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the API's default methods and constants promise to plugin authors, as they would rely on it. */
class PluginApiContractTest {

    private static final UUID ID = UUID.fromString("8d3f2a4e-4a52-4bd0-9c5e-0c6a8f6b1e11");

    @Test
    void aUserHasExactlyItsRolesAndIsNamedByItsId() {
        User admin = user(Set.of(User.ROLE_USER, User.ROLE_ADMIN));
        User plain = user(Set.of(User.ROLE_USER));

        assertThat(admin.hasRole(User.ROLE_ADMIN)).isTrue();
        assertThat(plain.hasRole(User.ROLE_ADMIN)).isFalse();
        assertThat(plain.hasRole(User.ROLE_USER)).isTrue();
        assertThat(plain.getName()).isEqualTo(ID.toString());
    }

    @Test
    void aPluginNeedNotImplementStop() {
        Plugin plugin = context -> {};

        assertThatCode(plugin::stop).doesNotThrowAnyException();
    }

    @Test
    void aPermissionExceptionCarriesItsMessage() {
        PluginPermissionException e = new PluginPermissionException("Plugin x did not declare the permission secrets");

        assertThat(e).isInstanceOf(RuntimeException.class).hasMessageContaining("secrets");
    }

    @Test
    void theOutboundExceptionsAreIoExceptionsNamingTheHost() {
        OutboundHttpException open =
                new CircuitOpenException("api.example.com", "Calls to api.example.com are suspended");
        ConcurrencyLimitException limited = new ConcurrencyLimitException("api.example.com", 4, "4 calls in flight");

        assertThat(open).isInstanceOf(IOException.class).hasMessage("Calls to api.example.com are suspended");
        assertThat(open.host()).isEqualTo("api.example.com");
        assertThat(limited.host()).isEqualTo("api.example.com");
        assertThat(limited.limit()).isEqualTo(4);
    }

    @Test
    void retriesExhaustedTellsTheLastStatusOrTheLastFailure() {
        RetriesExhaustedException answered =
                new RetriesExhaustedException("api.example.com", 3, 503, Duration.ofSeconds(120), "still 503", null);
        HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
        RetriesExhaustedException failed =
                new RetriesExhaustedException("api.example.com", 2, 0, null, "timed out", timeout);

        assertThat(answered.attempts()).isEqualTo(3);
        assertThat(answered.lastStatus()).hasValue(503);
        assertThat(answered.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(answered).hasNoCause();
        assertThat(failed.lastStatus()).isEmpty();
        assertThat(failed.retryAfter()).isEmpty();
        assertThat(failed).hasCause(timeout);
        assertThat(failed.host()).isEqualTo("api.example.com");
    }

    @Test
    void aRequestWithAnIdempotencyKeyIsRetriedLikeAGet() {
        assertThat(OutboundHttp.IDEMPOTENCY_KEY).isEqualTo("Idempotency-Key");
    }

    @Test
    void pluginIdsAreShortLowerCaseNamesThatStartWithALetter() {
        assertThat("tasks").matches(PluginManifest.PLUGIN_ID_PATTERN);
        assertThat("my-plugin2").matches(PluginManifest.PLUGIN_ID_PATTERN);
        assertThat("a".repeat(32)).matches(PluginManifest.PLUGIN_ID_PATTERN);

        assertThat("x").doesNotMatch(PluginManifest.PLUGIN_ID_PATTERN);
        assertThat("2fa").doesNotMatch(PluginManifest.PLUGIN_ID_PATTERN);
        assertThat("Tasks").doesNotMatch(PluginManifest.PLUGIN_ID_PATTERN);
        assertThat("my_plugin").doesNotMatch(PluginManifest.PLUGIN_ID_PATTERN);
        assertThat("a".repeat(33)).doesNotMatch(PluginManifest.PLUGIN_ID_PATTERN);
    }

    private static User user(Set<String> roles) {
        return new User() {
            @Override
            public UUID id() {
                return ID;
            }

            @Override
            public String email() {
                return "ada@example.com";
            }

            @Override
            public String displayName() {
                return "Ada";
            }

            @Override
            public Set<String> roles() {
                return roles;
            }

            @Override
            public ZoneId timeZone() {
                return ZoneId.of("Europe/Berlin");
            }
        };
    }
}
