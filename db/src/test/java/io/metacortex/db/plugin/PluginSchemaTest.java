package io.metacortex.db.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PluginSchemaTest {

    @ParameterizedTest
    @CsvSource({"tasks, plugin_tasks", "task-board, plugin_task_board", "a1, plugin_a1"})
    void namesTheSchemaAfterThePlugin(String pluginId, String schema) {
        assertThat(PluginSchema.schemaName(pluginId)).isEqualTo(schema);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "Tasks", "1tasks", "-tasks", "tasks_board", "tasks;drop", "a23456789012345678901234567890123"})
    void rejectsIdsThatAreNotPluginIds(String pluginId) {
        assertThatThrownBy(() -> PluginSchema.schemaName(pluginId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a plugin id");
    }
}
