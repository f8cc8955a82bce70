package io.metacortex.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    @Test
    void runReturnsTheOutputOfACommandThatSucceeds() {
        assertThat(ProcessRunner.run(List.of("sh", "-c", "echo out; echo err >&2")))
                .isEqualTo("out\nerr");
    }

    @Test
    void aFailingCommandIsReportedWithItsExitCodeAndOutput() {
        List<String> command = List.of("sh", "-c", "echo why; exit 3");

        assertThat(ProcessRunner.tryRun(command)).isEqualTo(new ProcessRunner.Result(3, "why"));
        assertThatThrownBy(() -> ProcessRunner.run(command))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Command failed with exit code 3: sh -c echo why; exit 3\nwhy");
    }

    @Test
    void aMissingCommandSaysWhichOne() {
        assertThatThrownBy(() -> ProcessRunner.run(List.of("no-such-command-here")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("Could not run no-such-command-here");
    }
}
