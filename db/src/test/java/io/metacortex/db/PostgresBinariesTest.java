package io.metacortex.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binaries unpacked from the classpath, readable and runnable by any account, once per content. */
class PostgresBinariesTest {

    @Test
    void unpacksAnInstallationAnyAccountCanRunAndReusesIt(@TempDir Path tempDir) throws Exception {
        Path root = tempDir.resolve("binaries");

        Path installation = PostgresBinaries.unpackInto(root);

        assertThat(installation.getParent()).isEqualTo(root);
        assertThat(installation.resolve("bin/pg_ctl")).isExecutable();
        assertThat(installation.resolve("bin/postgres")).isExecutable();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(installation.resolve("bin"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
                .isEqualTo("rwxr-xr-x");
        assertThat(ProcessRunner.run(
                        List.of(installation.resolve("bin/postgres").toString(), "--version")))
                .startsWith("postgres (PostgreSQL)");
        long modified =
                Files.getLastModifiedTime(installation.resolve("bin/pg_ctl")).toMillis();

        assertThat(PostgresBinaries.unpackInto(root)).isEqualTo(installation);

        assertThat(Files.getLastModifiedTime(installation.resolve("bin/pg_ctl")).toMillis())
                .isEqualTo(modified);
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries).as("no staging directory left").containsExactly(installation);
        }
    }

    @Test
    void refusesADirectoryAnotherUserOwns(@TempDir Path tempDir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a directory away");
        Path root = Files.createDirectories(tempDir.resolve("binaries"));
        Files.setAttribute(root, "unix:uid", 65534);

        assertThatThrownBy(() -> PostgresBinaries.unpackInto(root))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to uid 65534, neither this user nor root");
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries).isEmpty();
        }
    }
}
