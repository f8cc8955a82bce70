package io.metacortex.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Function;

/** What the Java benches' mains share besides {@link BenchHost} and {@link BenchDatabase}: settings, checks, results. */
final class Bench {

    static final ObjectMapper JSON = new ObjectMapper();

    private Bench() {}

    /**
     * Sets the bench JVM's root logger to WARN. There is no logback configuration here: without this, logback's
     * default logs at DEBUG, db-scheduler's every poll among the rest.
     */
    static void logWarningsOnly() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    /** @return the environment variable, or {@code fallback} when it is unset or blank */
    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /** @return one row of a Markdown table: the cells between pipes, and a line break */
    static String tableRow(Object... cells) {
        StringBuilder row = new StringBuilder("|");
        for (Object cell : cells) {
            row.append(' ').append(cell).append(" |");
        }
        return row.append('\n').toString();
    }

    /**
     * Adds the date (UTC, to the minute), the cores, the Java version and {@code database} to the report, writes it as
     * {@code <date>-<name>.json} in {@code results}, then the Markdown {@code markdown} makes of the date as
     * {@code <date>-<name>.md}, and prints that.
     */
    static void writeResults(
            Path results, String name, Map<String, Object> report, String database, Function<String, String> markdown)
            throws IOException {
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        report.put("date", date);
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("java", System.getProperty("java.version"));
        report.put("database", database);
        Files.createDirectories(results);
        Files.writeString(
                results.resolve(date + "-" + name + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
        String md = markdown.apply(date);
        Files.writeString(results.resolve(date + "-" + name + ".md"), md);
        System.out.println(md);
    }
}
