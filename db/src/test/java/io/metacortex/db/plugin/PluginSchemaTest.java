package io.metacortex.db.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

class PluginSchemaTest {

    @ParameterizedTest
    @CsvSource({"tasks, plugin_tasks", "task-board, plugin_task_board", "a1, plugin_a1"})
    void namesTheSchemaAfterThePlugin(String pluginId, String schema) {
        assertThat(PluginSchema.schemaName(pluginId)).isEqualTo(schema);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a",
                "Tasks",
                "1tasks",
                "-tasks",
                "tasks_board",
                "tasks;drop",
                "a23456789012345678901234567890123"
            })
    void rejectsIdsThatAreNotPluginIds(String pluginId) {
        assertThatThrownBy(() -> PluginSchema.schemaName(pluginId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a plugin id");
    }

    @Test
    void existsAndDropAgainstARealDatabaseAndFailuresSayWhat() {
        try (TestDatabase database = TestPostgres.createDatabase()) {
            assertThat(PluginSchema.exists(database.dataSource(), "task-board")).isFalse();
            PluginMigrator.migrate(
                    database.dataSource(),
                    "task-board",
                    List.of(new MigrationScript("V1__t.sql", "CREATE TABLE t (id INT);")));
            assertThat(PluginSchema.exists(database.dataSource(), "task-board")).isTrue();

            PluginSchema.drop(database.dataSource(), "task-board");
            PluginSchema.drop(database.dataSource(), "task-board");

            assertThat(PluginSchema.exists(database.dataSource(), "task-board")).isFalse();
        }
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:1/nothing");
        assertThatThrownBy(() -> PluginSchema.exists(unreachable, "tasks"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Could not look up the schema of plugin tasks");
        assertThatThrownBy(() -> PluginSchema.drop(unreachable, "tasks"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Statement failed: DROP SCHEMA IF EXISTS \"plugin_tasks\" CASCADE");
    }
}
