package io.metacortex.host.secrets;

import static io.metacortex.host.secrets.TestKeys.K1;
import static io.metacortex.host.secrets.TestKeys.K2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.host.config.SecretsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeySourceTest {

    private static final String AAD = "p/n";

    @Test
    void withoutKeysGeneratesOneKeptPrivateAndReusesIt(@TempDir Path dataDir) throws Exception {
        SecretKeys first = SecretKeySource.resolve(new SecretsSettings(), Map.of(), dataDir);
        String sealed = new SecretBox(first).encrypt("value", AAD);

        Path file = dataDir.resolve(SecretKeySource.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        SecretKeys again = SecretKeySource.resolve(new SecretsSettings(), Map.of(), dataDir);
        assertThat(again.currentKeyId()).isEqualTo("k1");
        assertThat(new SecretBox(again).decrypt(sealed, AAD)).isEqualTo("value");
    }

    @Test
    void environmentOverridesTheConfigurationWhichOverridesTheFile(@TempDir Path dataDir) {
        SecretsSettings settings = new SecretsSettings();
        settings.setKeys(Map.of("c1", K1));

        assertThat(SecretKeySource.resolve(settings, Map.of(), dataDir).ids()).containsExactly("c1");
        assertThat(Files.exists(dataDir.resolve(SecretKeySource.FILE_NAME))).isFalse();
        SecretKeys fromEnv = SecretKeySource.resolve(
                settings,
                Map.of("METACORTEX_SECRET_KEYS", "k1:" + K1 + ", k2:" + K2, "METACORTEX_SECRET_CURRENT_KEY", "k2"),
                dataDir);
        assertThat(fromEnv.ids()).containsExactly("k1", "k2");
        assertThat(fromEnv.currentKeyId()).isEqualTo("k2");
    }

    @Test
    void currentKeyFromTheEnvironmentAppliesToConfiguredKeys(@TempDir Path dataDir) {
        SecretsSettings settings = new SecretsSettings();
        settings.setKeys(Map.of("k1", K1, "k2", K2));
        settings.setCurrentKey("k1");

        assertThat(SecretKeySource.resolve(settings, Map.of("METACORTEX_SECRET_CURRENT_KEY", "k2"), dataDir)
                        .currentKeyId())
                .isEqualTo("k2");
    }

    @Test
    void refusesMalformedEnvironmentAndACurrentKeyWithoutKeys(@TempDir Path dataDir) {
        SecretsSettings settings = new SecretsSettings();

        assertThatThrownBy(() -> SecretKeySource.resolve(settings, Map.of("METACORTEX_SECRET_KEYS", K1), dataDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k1:<base64>,k2:<base64>");
        assertThatThrownBy(() -> SecretKeySource.resolve(
                        settings, Map.of("METACORTEX_SECRET_KEYS", "k1:" + K1 + ",k1:" + K2), dataDir))
                .hasMessageContaining("'k1' twice");
        settings.setCurrentKey("k9");
        assertThatThrownBy(() -> SecretKeySource.resolve(settings, Map.of(), dataDir))
                .hasMessageContaining("no key is configured");
    }
}
