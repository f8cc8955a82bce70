package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.metacortex.host.code.CodeCheck;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * {@code plugins.trustedCode}: a listed plugin is installed whatever its code calls, with a WARN naming what would
 * have been refused; the preview says so; and once it leaves the list, the next start refuses to load it (FAILED).
 */
class TrustedCodeTest {

    @RegisterExtension
    static final HostExtension RUNNING =
            new HostExtension(config -> config.getPlugins().setTrustedCode(List.of("hostile-files")));

    @Test
    void aTrustedPluginIsInstalledWithAWarningAndRefusedOnceNoLongerTrusted() {
        Logger log = (Logger) LoggerFactory.getLogger(CodeCheck.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        log.addAppender(warnings);
        try {
            Reply preview = RUNNING.host().admin("POST", "/admin/plugins/preview", Fixtures.hostile("files"));
            assertThat(preview.json().get("codeTrusted").asBoolean()).isTrue();
            assertThat(preview.json().get("findings")).isNotEmpty();
            assertThat(preview.json().get("refused").asBoolean()).isFalse();

            Reply installed = RUNNING.host().install(Fixtures.hostile("files"));

            assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
            assertThat(warnings.list)
                    .filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(message -> assertThat(message)
                            .contains("hostile-files 1.0.0")
                            .contains("plugins.trustedCode")
                            .contains("java.lang.System.getenv(java.lang.String)"));
            assertThat(RUNNING.host().install(Fixtures.hostile("socket")).status())
                    .isEqualTo(422);
        } finally {
            log.detachAppender(warnings);
        }

        RUNNING.host().config().getPlugins().setTrustedCode(List.of());
        RUNNING.host().restart();

        Reply plugin = RUNNING.host().admin("GET", "/admin/plugins/hostile-files", null);
        assertThat(plugin.json().get("state").asText()).isEqualTo("FAILED");
        assertThat(plugin.json().get("failureReason").asText())
                .contains("java.lang.System.getenv(java.lang.String)")
                .contains("It stays FAILED.");
        assertThat(RUNNING.host().get("/api/hostile-files/steal").status()).isEqualTo(404);
        Reply enable = RUNNING.host().admin("POST", "/admin/plugins/hostile-files/enable", null);
        assertThat(enable.status()).isEqualTo(422);
        assertThat(enable.json().get("error").asText()).isEqualTo("forbidden code");
        assertThat(RUNNING.host()
                        .admin("DELETE", "/admin/plugins/hostile-files?purge=true", null)
                        .status())
                .isEqualTo(204);
    }
}
