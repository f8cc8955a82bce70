package io.metacortex.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory and its secrets are readable by their owner only, whatever an earlier version left. */
class DataDirectoryTest {

    @TempDir
    Path tempDir;

    @Test
    void aNewDataDirectoryIsItsOwnersOnly() throws Exception {
        Path data = DataDirectory.open(tempDir.resolve("new/data"));

        assertThat(permissions(data)).isEqualTo("rwx------");
    }

    @Test
    void aWiderDataDirectoryAndItsSecretsAreTightenedAndOtherFilesLeftAlone() throws Exception {
        Path data = Files.createDirectories(tempDir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String secret : DataDirectory.SECRET_FILES) {
            Files.writeString(data.resolve(secret), "secret\n");
            Files.setPosixFilePermissions(data.resolve(secret), PosixFilePermissions.fromString("rw-r--r--"));
        }
        Path other = Files.writeString(data.resolve("notes.txt"), "not a secret\n");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(DataDirectory.open(data)).isEqualTo(data);

        assertThat(permissions(data)).isEqualTo("rwx------");
        for (String secret : DataDirectory.SECRET_FILES) {
            assertThat(permissions(data.resolve(secret))).as(secret).isEqualTo("rw-------");
            assertThat(data.resolve(secret)).hasContent("secret");
        }
        assertThat(permissions(other)).isEqualTo("rw-r--r--");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
