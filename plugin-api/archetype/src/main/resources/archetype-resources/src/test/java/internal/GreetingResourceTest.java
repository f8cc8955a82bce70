package ${package}.internal;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import ${package}.GreetingPlugin;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestPluginContext;
import io.metacortex.plugin.testing.TestUriInfo;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The resource as the plugin registers it, started with a {@link TestPluginContext} that behaves as the host's: its
 * Jdbi connects as the plugin's own role, with the acting user as app.user_id, to a database migrated as the host
 * migrates it (emptied before each test).
 */
class GreetingResourceTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("${pluginId}", GreetingPlugin.class);

    private TestPluginContext context;
    private GreetingResource resource;

    @BeforeEach
    void startThePlugin() throws Exception {
        context = TestPluginContext.of(DB.database()).start(new GreetingPlugin());
        assertThat(context.resources()).hasExactlyElementsOfTypes(GreetingResource.class, ApiExceptionMapper.class);
        resource = (GreetingResource) context.resources().get(0);
    }

    @Test
    void addsAGreetingAndListsIt() {
        Response response = add(ALICE, "Hello");

        assertThat(response.getStatus()).isEqualTo(201);
        Greeting created = (Greeting) response.getEntity();
        assertThat(created.text()).isEqualTo("Hello");
        assertThat(response.getLocation()).hasToString("http://localhost/api/${pluginId}/" + created.id());
        assertThat(as(ALICE).list(ALICE)).containsExactly(created);
        assertThat(as(ALICE).get(ALICE, String.valueOf(created.id()))).isEqualTo(created);
    }

    @Test
    void anotherUsersGreetingIsNotFound() {
        Greeting alices = (Greeting) add(ALICE, "Alice's").getEntity();

        assertThat(as(BOB).list(BOB)).isEmpty();
        assertThat(failsWith(404, () -> as(BOB).get(BOB, String.valueOf(alices.id())))
                        .error())
                .isEqualTo("greeting not found");
        assertThat(failsWith(404, () -> as(ALICE).get(ALICE, "not-a-number")).detail())
                .isEqualTo("No greeting with id not-a-number.");
    }

    @Test
    void theHealthCheckReadsTheTable() {
        assertThat(context.healthChecks().get("database").execute().isHealthy()).isTrue();
    }

    private Response add(User user, String text) {
        return as(user).add(user, new NewGreeting(text), TestUriInfo.at("http://localhost/api/${pluginId}"));
    }

    /** The host sets the request's user on the plugin's connections; the test context does it with actAs. */
    private GreetingResource as(User user) {
        context.actAs(user.id());
        return resource;
    }
}
