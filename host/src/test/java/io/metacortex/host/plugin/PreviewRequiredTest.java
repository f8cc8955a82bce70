package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.HostState;
import io.metacortex.host.testing.RunningHost.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code plugins.requirePreview}, the admin API installs and upgrades only what was previewed. */
class PreviewRequiredTest {

    @RegisterExtension
    static final HostExtension RUNNING =
            new HostExtension(config -> config.getPlugins().setRequirePreview(true));

    @Test
    void installAndUpgradeNeedAPreview() {
        HostState before = HostState.of(RUNNING);

        Reply install = RUNNING.host().install(Fixtures.SAMPLE_V1);

        assertThat(install.status()).as(install.body()).isEqualTo(422);
        assertThat(install.json().get("error").asText()).isEqualTo("preview required");
        assertThat(install.json().get("detail").asText())
                .contains("plugins.requirePreview")
                .contains("?preview=")
                .contains("Nothing was installed.");
        before.assertSame(RUNNING);

        String token = RUNNING.host()
                .admin("POST", "/admin/plugins/preview", Fixtures.bytes(Fixtures.SAMPLE_V1))
                .json()
                .get("preview")
                .asText();
        Reply previewed =
                RUNNING.host().admin("POST", "/admin/plugins?preview=" + token, Fixtures.bytes(Fixtures.SAMPLE_V1));
        assertThat(previewed.status()).as(previewed.body()).isEqualTo(201);

        Reply upgrade = RUNNING.host().upgrade("sample", Fixtures.bytes(Fixtures.SAMPLE_V2));
        assertThat(upgrade.status()).isEqualTo(422);
        assertThat(upgrade.json().get("error").asText()).isEqualTo("preview required");
        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("1.0.0");
    }
}
