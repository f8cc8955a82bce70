package io.metacortex.host.dav;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failed HTTP Basic credentials count against the client's limit of failed authentications, as failed bearer tokens
 * do, and so does a valid one sent where Basic is not accepted.
 */
class DavBasicLimitTest {

    private static final int LIMIT = 4;

    @RegisterExtension
    static final HostExtension RUNNING =
            new HostExtension(config -> config.getAuth().setFailedAttemptsPerMinute(LIMIT));

    @Test
    void failedBasicCredentialsEngageTheLimit() {
        assertThat(RUNNING.host().install(Fixtures.DAV, "http:basic").status()).isEqualTo(201);
        DavRequests dav = new DavRequests(RUNNING.host());
        String valid = DavRequests.basic("tester@example.com", RUNNING.host().userToken());

        assertThat(dav.propfind("/api/dav/dav/", valid).statusCode()).isEqualTo(207);
        for (int i = 0; i < LIMIT - 1; i++) {
            assertThat(dav.propfind("/api/dav/dav/", DavRequests.basic("tester@example.com", "mct_wrong-" + i))
                            .statusCode())
                    .isEqualTo(401);
        }
        assertThat(dav.send("GET", "/api/dav/plain", valid, null, null).statusCode())
                .as("valid, but where Basic is not accepted: the limit's last failure")
                .isEqualTo(401);

        var limited = dav.propfind("/api/dav/dav/", valid);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(dav.propfind("/api/dav/dav/", null).statusCode())
                .as("requests without a credential are not limited: they get the challenge")
                .isEqualTo(401);
    }
}
