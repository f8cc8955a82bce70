package io.metacortex.host.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that keeps failing to authenticate is slowed down: 429 once over the limit, even with a good token. */
class FailedAuthenticationLimitTest {

    private static final int LIMIT = 5;

    @RegisterExtension
    static final HostExtension RUNNING =
            new HostExtension(config -> config.getAuth().setFailedAttemptsPerMinute(LIMIT));

    @Test
    void tooManyFailuresGet429() {
        for (int i = 0; i < LIMIT; i++) {
            assertThat(call("mct_wrong-" + i).status()).isEqualTo(401);
        }

        Reply limited = call("mct_wrong-again");
        Reply evenValid = call(RUNNING.host().userToken());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").asText()).isEqualTo("too many failed authentications");
        assertThat(evenValid.status()).isEqualTo(429);
        assertThat(RUNNING.host()
                        .send(HttpRequest.newBuilder(RUNNING.host().uri("/api/me"))
                                .GET())
                        .status())
                .as("requests without a credential are not limited")
                .isEqualTo(401);
    }

    private static Reply call(String token) {
        return RUNNING.host()
                .send(HttpRequest.newBuilder(RUNNING.host().uri("/api/me"))
                        .header("Authorization", "Bearer " + token)
                        .GET());
    }
}
