package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.host.errors.HostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

/** Preview ids expire after their validity, and stand for exactly one jar, accept and installed version. */
class PreviewTokensTest {

    private final MovingClock clock = new MovingClock();
    private final PreviewTokens tokens = new PreviewTokens(Duration.ofHours(1), false, clock);
    private final PluginBundle bundle = bundle("sample", "aa");

    @Test
    void aPreviewIsValidForItsValidityOnly() {
        PreviewTokens.Issued issued = tokens.issue(bundle, "1.0.0", Permissions.NONE);
        String id = issued.id();
        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(59));
        tokens.require(id, bundle, "1.0.0", Permissions.NONE, "");
        clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> tokens.require(id, bundle, "1.0.0", Permissions.NONE, "Unchanged."))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.entity().error()).isEqualTo(PreviewTokens.EXPIRED);
                    assertThat(e.entity().detail())
                            .contains("expire 60 minutes after")
                            .endsWith("Unchanged.");
                });
    }

    @Test
    void everyDifferenceIsNamed() {
        String id = tokens.issue(bundle, null, Permissions.fromLabels(List.of("users:read")))
                .id();

        assertThatThrownBy(() -> tokens.require(id, bundle("sample", "bb"), "1.0.0", Permissions.NONE, ""))
                .isInstanceOfSatisfying(
                        HostException.class,
                        e -> assertThat(e.entity().detail())
                                .contains("this jar (SHA-256 bb) is not the jar previewed (SHA-256 aa)")
                                .contains("?accept= differs from the preview's ?accept=users:read")
                                .contains(
                                        "the preview was made with the plugin not installed, and version 1.0.0 is installed"
                                                + " now"));
        assertThatThrownBy(() -> tokens.require(id, bundle("other", "aa"), null, Permissions.NONE, ""))
                .isInstanceOfSatisfying(
                        HostException.class,
                        e -> assertThat(e.entity().detail())
                                .contains("the preview was of plugin sample, this jar is other"));
    }

    @Test
    void requiredOnlyWhenConfigured() {
        tokens.require(null, bundle, null, Permissions.NONE, "");
        PreviewTokens required = new PreviewTokens(Duration.ofHours(1), true, clock);

        assertThatThrownBy(() -> required.require(null, bundle, null, Permissions.NONE, ""))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.entity().error()).isEqualTo(PreviewTokens.REQUIRED);
                });
    }

    private static PluginBundle bundle(String id, String sha256) {
        return new PluginBundle(
                id,
                "Sample",
                null,
                Version.parseVersion("2.0.0"),
                "io.metacortex.plugin." + id,
                "Plugin",
                Permissions.NONE,
                List.of(),
                null,
                List.of(),
                Map.of(),
                sha256,
                new byte[0]);
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {

        private Instant now = Instant.parse("2026-12-06T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
