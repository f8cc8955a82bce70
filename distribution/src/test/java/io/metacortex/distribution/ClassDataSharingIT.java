package io.metacortex.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/metacortex server}'s class data sharing: the first start finding the data directory but no archive writes
 * one into {@code <data>/cds/} as it exits (SIGTERM), the next start maps the host's classes from it, and
 * {@code METACORTEX_CDS=off} leaves it alone.
 */
class ClassDataSharingIT {

    /** How -Xlog:class+load tells a class mapped from the dynamic (top) archive. */
    private static final String FROM_ARCHIVE =
            "io.metacortex.host.MetaCortexApplication source: shared objects file (top)";

    @TempDir
    Path tempDir;

    private DistributionServer running;
    private Path data;

    @AfterEach
    void stopWhatIsLeft() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void theFirstServerStartArchivesTheClassesAndTheNextMapsThem() throws Exception {
        data = Files.createDirectory(tempDir.resolve("data"));

        String first = startAndStop("first.log", true);
        assertThat(archives()).as("after the first start").hasSize(1);
        assertThat(first).doesNotContain(FROM_ARCHIVE);

        String second = startAndStop("second.log", true);
        assertThat(second).contains(FROM_ARCHIVE);

        String off = startAndStop("off.log", false);
        assertThat(off).doesNotContain(FROM_ARCHIVE);
        assertThat(archives()).hasSize(1);
    }

    /** Starts the distribution on the data directory until ready, stops it by SIGTERM. @return its output */
    private String startAndStop(String logName, boolean classDataSharing) throws Exception {
        DistributionServer.Launch launch = DistributionServer.on(
                        data, UUID.randomUUID().toString())
                .log(tempDir.resolve(logName))
                .javaOptions("-Xlog:class+load=info");
        if (classDataSharing) {
            launch.classDataSharing();
        }
        running = launch.start().awaitReady();
        running.stop();
        return Files.readString(running.log());
    }

    private List<Path> archives() throws IOException {
        Path cds = data.resolve("cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa"))
                    .toList();
        }
    }
}
