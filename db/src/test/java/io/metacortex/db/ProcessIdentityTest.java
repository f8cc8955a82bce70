package io.metacortex.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metacortex.db.EmbeddedPostgresServer.LaunchMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account PostgreSQL runs as when the JVM is root. */
class ProcessIdentityTest {

    @BeforeEach
    void asRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can switch to another account");
    }

    @Test
    void anUnprivilegedAccountRunsCommandsAsItself() {
        ProcessIdentity nobody = ProcessIdentity.unprivileged("nobody");

        assertThat(nobody.mode()).isEqualTo(LaunchMode.UNPRIVILEGED_ACCOUNT);
        assertThat(ProcessRunner.run(nobody.command(List.of("id", "-un")))).isEqualTo("nobody");
    }

    @Test
    void rootIsRefusedAsTheAccount() {
        assertThatThrownBy(() -> ProcessIdentity.unprivileged("root"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Account 'root' is root; PostgreSQL refuses to run as root");
    }

    /** The host keeps its data directory 0700; the account may pass through it (search), not list it. */
    @Test
    void theAccountIsGivenPassageThroughTheDirectoryHoldingItsCluster(@TempDir Path tempDir) throws Exception {
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwx--x--x"));
        Path data = Files.createDirectories(tempDir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        Path cluster = Files.createDirectories(data.resolve("pg"));

        ProcessIdentity.unprivileged("nobody").takeOwnership(cluster);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .isEqualTo("rwx-----x");
        assertThat(Files.getOwner(data).getName()).isEqualTo("root");
        assertThat(Files.getOwner(cluster).getName()).isEqualTo("nobody");
    }

    @Test
    void aDirectoryTheAccountCannotReachIsRefusedWithTheFix(@TempDir Path tempDir) throws Exception {
        // JUnit's temp dir is root's alone: nobody cannot search it, and it is no directory of the host's to open.
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwx------"));
        Path dataDir = Files.createDirectories(tempDir.resolve("data/pg"));

        assertThatThrownBy(() -> ProcessIdentity.unprivileged("nobody").takeOwnership(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot write to " + dataDir)
                .hasMessageContaining("chmod o+x");
        assertThat(Files.getOwner(dataDir).getName())
                .as("handed over all the same")
                .isEqualTo("nobody");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tempDir)))
                .isEqualTo("rwx------");
    }
}
