package io.metacortex.host.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class OperationIdsTest {

    @Test
    void pathIdsNameThePartTheMethodAndEachSegment() {
        assertThat(OperationIds.ofPath("get", "/api/tasks/tags/{id}")).isEqualTo("tasks.getTagsById");
        assertThat(OperationIds.ofPath("post", "/api/habits/{id}/check-ins")).isEqualTo("habits.postByIdCheckIns");
        assertThat(OperationIds.ofPath("GET", "/api/tasks")).isEqualTo("tasks.get");
        assertThat(OperationIds.ofPath("delete", "/admin/users/{id}")).isEqualTo("admin.deleteUsersById");
    }

    @Test
    void operationsSharingAnIdTakeTheirPathIdsAndTheOthersKeepTheirs() throws Exception {
        ObjectNode paths = (ObjectNode) new ObjectMapper().readTree("""
                {"/api/admin/plugins": {"get": {"operationId": "admin.plugins.list"}},
                 "/admin/plugins": {"get": {"operationId": "admin.plugins.list"},
                                    "post": {"operationId": "admin.plugins.install"}},
                 "/api/tasks": {"parameters": [], "get": {"operationId": "tasks.list"}}}
                """);

        OperationIds.makeUnique(paths);

        assertThat(paths.at("/~1api~1admin~1plugins/get/operationId").asText()).isEqualTo("api.getAdminPlugins");
        assertThat(paths.at("/~1admin~1plugins/get/operationId").asText()).isEqualTo("admin.getPlugins");
        assertThat(paths.at("/~1admin~1plugins/post/operationId").asText()).isEqualTo("admin.plugins.install");
        assertThat(paths.at("/~1api~1tasks/get/operationId").asText()).isEqualTo("tasks.list");
    }
}
