package io.metacortex.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {

    @Test
    void generatedOnceKeptPrivateAndReused(@TempDir Path dataDir) throws Exception {
        String first = AdminToken.resolve(Map.of(), null, dataDir);

        Path file = dataDir.resolve(AdminToken.FILE_NAME);
        assertThat(first).hasSize(64).matches("[0-9a-f]+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(AdminToken.resolve(Map.of(), null, dataDir)).isEqualTo(first);
    }

    @Test
    void environmentWinsOverConfigurationWhichWinsOverTheFile(@TempDir Path dataDir) {
        AdminToken.resolve(Map.of(), null, dataDir);

        assertThat(AdminToken.resolve(Map.of("METACORTEX_ADMIN_TOKEN", "from-env"), "from-config", dataDir))
                .isEqualTo("from-env");
        assertThat(AdminToken.resolve(Map.of(), "from-config", dataDir)).isEqualTo("from-config");
    }
}
