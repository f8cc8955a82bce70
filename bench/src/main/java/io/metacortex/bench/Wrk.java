package io.metacortex.bench;

import static io.metacortex.bench.Bench.JSON;
import static io.metacortex.bench.Bench.require;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * wrk, the load generator, run from a Java bench: one closed-loop run against a URL, its output kept in a file of the
 * work directory, its summary read from the {@code BENCH_JSON} line that {@code lib/wrk-json.lua} prints. The process
 * is waited for with a bound and destroyed by its PID when it overruns.
 *
 * @param lib the bench's {@code lib} directory, with {@code wrk-json.lua} and the request scripts
 * @param work where each run's output goes
 */
record Wrk(Path lib, Path work) {

    /**
     * One run's figures: requests per second, failures (socket errors plus status >= 400), latency percentiles in ms.
     */
    record Result(double rps, long requests, long failed, Map<String, Double> latencyMs) {

        double p50() {
            return latencyMs.get("p50");
        }

        double p99() {
            return latencyMs.get("p99");
        }
    }

    /**
     * Runs {@code wrk -t2 -c<connections> -d<seconds>s --latency} with {@code script} (a file of {@code lib}, which
     * must call or include wrk-json.lua's {@code done}; {@code get.lua} does) and the given headers.
     *
     * @param output the output file's name in the work directory
     * @param env extra environment of the script (e.g. {@code BENCH_BODY}), may be empty
     */
    Result run(
            String output,
            String url,
            int connections,
            int seconds,
            String script,
            List<String> headers,
            Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "wrk",
                "-t" + Math.min(2, connections),
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                lib.resolve(script).toString()));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        Path out = work.resolve(output);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(lib.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("BENCH_LIB", lib.toString());
        builder.environment().putAll(env);
        Process wrk = builder.start();
        try {
            require(wrk.waitFor(seconds + 60L, TimeUnit.SECONDS), "wrk did not end: see " + out);
        } finally {
            wrk.destroy();
        }
        return parse(out);
    }

    static Result parse(Path output) throws IOException {
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            if (line.startsWith("BENCH_JSON ")) {
                JsonNode record = JSON.readTree(line.substring("BENCH_JSON ".length()));
                double seconds = record.get("durationUs").asLong() / 1e6;
                long requests = record.get("requests").asLong();
                long failed = 0;
                for (JsonNode count : record.get("errors")) {
                    failed += count.asLong();
                }
                Map<String, Double> latency = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> percentile :
                        record.get("latencyUs").properties()) {
                    latency.put(percentile.getKey(), percentile.getValue().asDouble() / 1000);
                }
                return new Result(seconds > 0 ? requests / seconds : 0, requests, failed, latency);
            }
        }
        throw new IllegalStateException("wrk printed no result: see " + output);
    }
}
