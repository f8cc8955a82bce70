package io.metacortex.db.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginMigratorTest {

    private static final MigrationScript V1 = new MigrationScript(
            "V1__create_tasks.sql", "CREATE TABLE tasks (id BIGSERIAL PRIMARY KEY, title TEXT NOT NULL);");
    private static final MigrationScript V2 = new MigrationScript(
            "V2__add_note.sql", "ALTER TABLE tasks ADD COLUMN note TEXT;\nCREATE INDEX tasks_title ON tasks (title);");
    private static final MigrationScript V3_BROKEN =
            new MigrationScript("V3__broken.sql", "CREAT TABLE nope (id INT);");

    private final TestDatabase database = TestPostgres.createDatabase();
    private final DataSource dataSource = database.dataSource();

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void appliesTheGivenScriptsInVersionOrderToThePluginsSchema() throws Exception {
        MigrationResult result = PluginMigrator.migrate(dataSource, "task-board", List.of(V2, V1));

        assertThat(result.schema()).isEqualTo("plugin_task_board");
        assertThat(result.appliedVersions()).containsExactly("1", "2");
        assertThat(columnsOf("plugin_task_board", "tasks")).containsExactly("id", "title", "note");
        assertThat(tablesIn("plugin_task_board")).containsExactlyInAnyOrder("tasks", "flyway_schema_history");
        assertThat(tablesIn("public")).isEmpty();
        assertThat(PluginMigrator.appliedVersions(dataSource, "task-board")).containsExactly("1", "2");
    }

    @Test
    void anUpgradeAppliesOnlyTheNewMigrations() {
        PluginMigrator.migrate(dataSource, "tasks", List.of(V1));

        assertThat(PluginMigrator.migrate(dataSource, "tasks", List.of(V1, V2)).appliedVersions())
                .containsExactly("2");
        assertThat(PluginMigrator.migrate(dataSource, "tasks", List.of(V1, V2)).appliedVersions())
                .isEmpty();
        assertThat(PluginMigrator.appliedVersions(dataSource, "tasks")).containsExactly("1", "2");
    }

    @Test
    void aFailingMigrationUndoesTheWholeCallAndNamesTheScript() throws Exception {
        PluginMigrator.migrate(dataSource, "tasks", List.of(V1));
        List<String> historyBefore = history("plugin_tasks");

        assertThatThrownBy(() -> PluginMigrator.migrate(dataSource, "tasks", List.of(V1, V2, V3_BROKEN)))
                .isInstanceOfSatisfying(PluginMigrationException.class, e -> {
                    assertThat(e.pluginId()).isEqualTo("tasks");
                    assertThat(e.fileName()).contains("V3__broken.sql");
                })
                .hasMessage("V3__broken.sql failed: ERROR: syntax error at or near \"CREAT\"");

        assertThat(columnsOf("plugin_tasks", "tasks")).containsExactly("id", "title");
        assertThat(history("plugin_tasks")).isEqualTo(historyBefore);
        assertThat(PluginMigrator.appliedVersions(dataSource, "tasks")).containsExactly("1");
    }

    @Test
    void aFailingFirstMigrationLeavesNoSchemaBehind() {
        assertThatThrownBy(() -> PluginMigrator.migrate(
                        dataSource, "tasks", List.of(new MigrationScript("V1__broken.sql", V3_BROKEN.sql()))))
                .isInstanceOf(PluginMigrationException.class)
                .hasMessageStartingWith("V1__broken.sql failed: ERROR:");

        assertThat(PluginSchema.exists(dataSource, "tasks")).isFalse();
        assertThat(PluginMigrator.appliedVersions(dataSource, "tasks")).isEmpty();
    }

    @Test
    void misnamedFilesAreReportedNotSkipped() {
        List<MigrationScript> scripts = List.of(
                V1,
                new MigrationScript("add_note.sql", "SELECT 1;"),
                new MigrationScript("V2_add_note.sql", "SELECT 1;"));

        assertThatThrownBy(() -> PluginMigrator.migrate(dataSource, "tasks", scripts))
                .isInstanceOf(PluginMigrationException.class)
                .hasMessageContaining("not named V<version>__<description>.sql: add_note.sql, V2_add_note.sql");
        assertThat(PluginSchema.exists(dataSource, "tasks")).isFalse();
    }

    @Test
    void aScriptChangedAfterItWasAppliedIsRefused() throws Exception {
        PluginMigrator.migrate(dataSource, "tasks", List.of(V1));
        MigrationScript changedV1 = new MigrationScript(V1.fileName(), V1.sql() + "\nCREATE TABLE extra (id INT);");

        assertThatThrownBy(() -> PluginMigrator.migrate(dataSource, "tasks", List.of(changedV1, V2)))
                .isInstanceOfSatisfying(
                        PluginMigrationException.class,
                        e -> assertThat(e.fileName()).isEmpty())
                .hasMessageContaining("checksum mismatch for migration version 1")
                .hasMessageNotContaining("repair");
        assertThat(tablesIn("plugin_tasks")).containsExactlyInAnyOrder("tasks", "flyway_schema_history");
        assertThat(PluginMigrator.appliedVersions(dataSource, "tasks")).containsExactly("1");
    }

    @Test
    void appliedVersionsIsEmptyForAPluginWithoutSchema() {
        assertThat(PluginMigrator.appliedVersions(dataSource, "tasks")).isEmpty();
    }

    @Test
    void appliedVersionsIncludesVersionsTheGivenBundleDoesNotHave() {
        PluginMigrator.migrate(dataSource, "tasks", List.of(V1, V2));

        // An older bundle (V1 only) migrates as a no-op; the host sees V2 and refuses the rollback.
        assertThat(PluginMigrator.migrate(dataSource, "tasks", List.of(V1)).appliedVersions())
                .isEmpty();
        assertThat(PluginMigrator.appliedVersions(dataSource, "tasks")).containsExactly("1", "2");
    }

    @Test
    void dropRemovesTheSchemaWithItsTables() {
        PluginMigrator.migrate(dataSource, "tasks", List.of(V1));

        PluginSchema.drop(dataSource, "tasks");

        assertThat(PluginSchema.exists(dataSource, "tasks")).isFalse();
        assertThat(PluginMigrator.appliedVersions(dataSource, "tasks")).isEmpty();
    }

    @Test
    void concurrentMigrationsOfOnePluginApplyEachVersionOnce() {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<MigrationResult>> runs = Stream.generate(() -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    return PluginMigrator.migrate(dataSource, "tasks", List.of(V1, V2));
                }))
                .limit(2)
                .toList();
        go.countDown();

        List<String> applied = new ArrayList<>();
        runs.forEach(run -> applied.addAll(run.join().appliedVersions()));
        assertThat(applied).containsExactlyInAnyOrder("1", "2");
        assertThat(PluginMigrator.appliedVersions(dataSource, "tasks")).containsExactly("1", "2");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void migrationsPastTheirDeadlineAreCancelledAndNothingOfThemIsApplied() throws Exception {
        PluginMigrator.migrate(dataSource, "tasks", List.of(V1));
        List<String> historyBefore = history("plugin_tasks");
        MigrationScript sleeps =
                new MigrationScript("V3__sleeps.sql", "ALTER TABLE tasks ADD COLUMN slow TEXT;\nSELECT pg_sleep(600);");
        long start = System.nanoTime();

        assertThatThrownBy(() -> PluginMigrator.migrate(
                        dataSource, "tasks", List.of(V1, V2, sleeps), java.time.Duration.ofMillis(1500)))
                .isInstanceOfSatisfying(PluginMigrationException.class, e -> {
                    assertThat(e.timedOut()).isTrue();
                    assertThat(e.fileName()).contains("V3__sleeps.sql");
                })
                .hasMessage("Migrations of plugin tasks did not finish within 1500 ms: V3__sleeps.sql was still"
                        + " running and was cancelled; nothing of them is applied.");

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
        assertThat(columnsOf("plugin_tasks", "tasks")).containsExactly("id", "title");
        assertThat(history("plugin_tasks")).isEqualTo(historyBefore);
    }

    @Test
    void aMigrationThatTurnsTheTimeoutOffAndCatchesTheCancelIsTerminated() throws Exception {
        MigrationScript stubborn = new MigrationScript("V1__stubborn.sql", """
                CREATE TABLE kept (id INT);
                SET statement_timeout = 0;
                DO $$
                BEGIN
                  LOOP
                    BEGIN
                      PERFORM pg_sleep(600);
                    EXCEPTION WHEN query_canceled THEN
                      RAISE NOTICE 'not giving up';
                    END;
                  END LOOP;
                END $$;
                """);

        assertThatThrownBy(() -> PluginMigrator.migrate(
                        dataSource, "stubborn", List.of(stubborn), java.time.Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(
                        PluginMigrationException.class,
                        e -> assertThat(e.timedOut()).isTrue())
                .hasMessageContaining("did not finish within 1 s: V1__stubborn.sql");

        assertThat(PluginSchema.exists(dataSource, "stubborn")).isFalse();
    }

    @Test
    void aMigrationWaitingOnALockIsCancelledAtItsDeadline() throws Exception {
        PluginMigrator.migrate(dataSource, "tasks", List.of(V1));
        try (Connection holder = dataSource.getConnection();
                Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE plugin_tasks.tasks IN ACCESS EXCLUSIVE MODE");

            assertThatThrownBy(() -> PluginMigrator.migrate(
                            dataSource, "tasks", List.of(V1, V2), java.time.Duration.ofSeconds(1)))
                    .isInstanceOfSatisfying(
                            PluginMigrationException.class,
                            e -> assertThat(e.timedOut()).isTrue())
                    .hasMessageContaining("did not finish within 1 s: V2__add_note.sql");
            holder.rollback();
        }
        assertThat(columnsOf("plugin_tasks", "tasks")).containsExactly("id", "title");
    }

    @Test
    void migrationsWithinTheirDeadlineAreAppliedAsWithout() {
        assertThat(PluginMigrator.migrate(dataSource, "tasks", List.of(V1, V2), java.time.Duration.ofSeconds(30))
                        .appliedVersions())
                .containsExactly("1", "2");
    }

    private List<String> history(String schema) throws SQLException {
        return strings("SELECT installed_rank || ':' || coalesce(version, '') || ':' || success FROM " + schema
                + ".flyway_schema_history ORDER BY installed_rank");
    }

    private List<String> tablesIn(String schema) throws SQLException {
        return strings("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "'");
    }

    private List<String> columnsOf(String schema, String table) throws SQLException {
        return strings("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = '" + table + "' ORDER BY ordinal_position");
    }

    private List<String> strings(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = database.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
