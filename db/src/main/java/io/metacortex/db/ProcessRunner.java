package io.metacortex.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command to completion, failing with its output when it does not exit 0. */
final class ProcessRunner {

    private static final long TIMEOUT_SECONDS = 120;

    private ProcessRunner() {}

    /** @return the command's combined stdout and stderr */
    static String run(List<String> command) {
        Result result = tryRun(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("Command failed with exit code " + result.exitCode() + ": "
                    + String.join(" ", command) + "\n" + result.output());
        }
        return result.output();
    }

    /** @return the exit code and output, without judging the exit code */
    static Result tryRun(List<String> command) {
        return tryRun(command, "");
    }

    /**
     * @param input written to the command's standard input, which is then closed (a secret passed this way never
     *     shows on a command line)
     * @return the exit code and output, without judging the exit code
     */
    static Result tryRun(List<String> command, String input) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        try {
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            // Output is read to the end before waiting, so a chatty command cannot block on a full pipe.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Command timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), output.strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    record Result(int exitCode, String output) {}
}
