package io.metacortex.db.plugin;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies a plugin's SQL migrations to its own schema ({@link PluginSchema#schemaName}) with Flyway, keeping the
 * history in that schema's {@value #HISTORY_TABLE}.
 *
 * <p>All migrations pending in one {@link #migrate} call run in one transaction: if one fails, none is applied and
 * the schema is left exactly as it was (a schema this call created is dropped again). Flyway's validation stays on,
 * so a script changed after it was applied is refused. Two migrations of the same plugin never interleave (Flyway
 * holds a PostgreSQL advisory lock). Each migration sees every row of the plugin's tables, whatever their
 * row-level security ({@link RowSecurityLift}).
 */
public final class PluginMigrator {

    static final String HISTORY_TABLE = "flyway_schema_history";

    private PluginMigrator() {}

    /**
     * Applies the scripts the plugin's schema does not have yet, creating the schema if needed.
     *
     * @param scripts every migration the plugin's bundle carries, in any order
     * @return the versions applied by this call
     * @throws PluginMigrationException if a script is misnamed, does not match what was applied before, or fails;
     *     the schema is then unchanged
     * @throws IllegalArgumentException if the plugin id is not valid
     */
    public static MigrationResult migrate(DataSource dataSource, String pluginId, List<MigrationScript> scripts) {
        return migrate(dataSource, pluginId, scripts, null);
    }

    /**
     * Applies the scripts like {@link #migrate(DataSource, String, List)}, ending them at a deadline: a statement
     * still running then is cancelled (its backend terminated if it does not give up), and nothing is applied.
     *
     * @param deadline how long the migrations may take; null for no limit
     * @throws PluginMigrationException also when the deadline passed ({@link PluginMigrationException#timedOut()}),
     *     naming the script that was running; the schema is then unchanged
     */
    public static MigrationResult migrate(
            DataSource dataSource, String pluginId, List<MigrationScript> scripts, Duration deadline) {
        String schema = PluginSchema.schemaName(pluginId);
        rejectMisnamed(pluginId, scripts);
        boolean schemaExisted = PluginSchema.exists(dataSource, pluginId);
        boolean historyExisted = schemaExisted && PluginSchema.hasHistory(dataSource, pluginId);
        FailedScriptRecorder recorder = new FailedScriptRecorder();
        MigrationDeadline watch = deadline == null ? null : new MigrationDeadline(dataSource, pluginId, deadline);
        try {
            Callback[] callbacks = watch == null
                    ? new Callback[] {recorder, new RowSecurityLift(schema)}
                    : new Callback[] {recorder, new RowSecurityLift(schema), watch};
            MigrateResult result =
                    flyway(dataSource, schema, scripts, callbacks).migrate();
            return new MigrationResult(
                    schema,
                    result.migrations.stream().map(output -> output.version).toList());
        } catch (FlywayException e) {
            // Flyway creates the schema and its history table outside the migration transaction.
            if (!schemaExisted) {
                PluginSchema.drop(dataSource, pluginId);
            } else if (!historyExisted) {
                PluginSchema.dropHistory(dataSource, pluginId);
            }
            if (watch != null && watch.passed()) {
                String script = recorder.failedScript() != null ? recorder.failedScript() : watch.script();
                throw new PluginMigrationException(
                        pluginId,
                        script,
                        "Migrations of plugin " + pluginId + " did not finish within " + describe(deadline)
                                + (script == null ? "" : ": " + script + " was still running and was cancelled")
                                + "; nothing of them is applied.",
                        e,
                        true);
            }
            throw failure(pluginId, recorder.failedScript(), e);
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }

    /** @return a deadline in words: {@code 30 s}, {@code 1500 ms} */
    private static String describe(Duration deadline) {
        return deadline.toMillis() % 1000 == 0 ? deadline.toSeconds() + " s" : deadline.toMillis() + " ms";
    }

    /**
     * @return the versions successfully applied to the plugin's schema, in order; empty if it has no schema or no
     *     history. A version here that an older bundle lacks means that bundle cannot run against this schema.
     */
    public static List<String> appliedVersions(DataSource dataSource, String pluginId) {
        String schema = PluginSchema.schemaName(pluginId);
        if (!PluginSchema.hasHistory(dataSource, pluginId)) {
            return List.of();
        }
        MigrationInfo[] applied = flyway(dataSource, schema, List.of(), new FailedScriptRecorder())
                .info()
                .applied();
        return Arrays.stream(applied)
                .filter(info -> !info.getType().isSynthetic() && info.getVersion() != null)
                .filter(info -> info.getState().isApplied() && !info.getState().isFailed())
                .map(info -> info.getVersion().getVersion())
                .toList();
    }

    private static Flyway flyway(
            DataSource dataSource, String schema, List<MigrationScript> scripts, Callback... callbacks) {
        return Flyway.configure(PluginMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .resourceProvider(new ScriptResourceProvider(scripts))
                .javaMigrationClassProvider(List::of)
                .skipDefaultCallbacks(true)
                .callbacks(callbacks)
                .group(true)
                .validateMigrationNaming(true)
                .loggers("slf4j")
                .load();
    }

    private static void rejectMisnamed(String pluginId, List<MigrationScript> scripts) {
        List<String> misnamed = scripts.stream()
                .filter(script -> !script.hasValidName())
                .map(MigrationScript::fileName)
                .toList();
        if (!misnamed.isEmpty()) {
            throw new PluginMigrationException(
                    pluginId,
                    null,
                    "Plugin " + pluginId + " has migration files that are "
                            + "not named V<version>__<description>.sql: " + String.join(", ", misnamed),
                    null);
        }
    }

    private static PluginMigrationException failure(String pluginId, String script, FlywayException e) {
        if (script == null) {
            return new PluginMigrationException(
                    pluginId,
                    null,
                    "Migrations of plugin " + pluginId + " were refused: " + withoutFlywayCliAdvice(e.getMessage()),
                    e);
        }
        return new PluginMigrationException(pluginId, script, script + " failed: " + databaseMessage(e), e);
    }

    /**
     * Flyway ends validation errors with advice for its command line ({@code repair}, a web link), which an admin of
     * the host cannot follow: a changed migration has to be shipped as a new script instead.
     */
    private static String withoutFlywayCliAdvice(String message) {
        return message.lines()
                .takeWhile(line -> !line.startsWith("Either revert") && !line.startsWith("Need more flexibility"))
                .collect(Collectors.joining("\n"));
    }

    /** @return the first line of PostgreSQL's message, e.g. {@code ERROR: syntax error at or near "CREAT"} */
    private static String databaseMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                return t.getMessage().lines().findFirst().orElse(t.getMessage());
            }
        }
        return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
    }
}
