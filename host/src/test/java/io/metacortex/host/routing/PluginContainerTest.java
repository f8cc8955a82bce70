package io.metacortex.host.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.jersey.validation.Validators;
import io.metacortex.host.identity.Authentication;
import io.metacortex.host.identity.Scope;
import io.metacortex.host.identity.UserAccount;
import io.metacortex.host.metrics.RouteMetrics;
import io.metacortex.plugin.api.PublicRoute;
import io.metacortex.plugin.api.User;
import jakarta.validation.ValidatorFactory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin's Jersey application as the host configures it, served in memory: who may call which route, how the
 * caller reaches the plugin's code ({@code @Context User}), and under which route each
 * request is counted. The answers are computed once per resource method and must still hold on every later request.
 */
class PluginContainerTest {

    private static final UserAccount ALICE = new UserAccount(
            UUID.fromString("00000000-0000-0000-0000-00000000a11c"),
            null,
            null,
            "alice@example.com",
            "Alice",
            Set.of(User.ROLE_USER),
            ZoneId.of("UTC"),
            null,
            Instant.EPOCH,
            null);

    private final MetricRegistry registry = new MetricRegistry();
    private final ValidatorFactory validators = Validators.newValidatorFactory();
    private final ApplicationHandler probe =
            new ApplicationHandler(new PluginContainerFactory(null, new RouteMetrics(registry), 64)
                    .configuration("probe", "1.0.0", List.of(new Probe()), validators, false));

    @AfterEach
    void close() {
        validators.close();
    }

    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Probe {

        @GET
        @Path("me")
        public Map<String, Object> me(@Context User user) {
            return Map.of("id", user.id().toString());
        }

        @GET
        @Path("open")
        @PublicRoute
        public Map<String, Object> open(@Context User user) {
            return Map.of("anonymous", user == null);
        }

        @GET
        @Path("items/{id}")
        public Map<String, Object> item(@PathParam("id") String id) {
            return Map.of("item", id);
        }

        @Path("sub")
        public SubProbe sub() {
            return new SubProbe();
        }
    }

    @Produces(MediaType.APPLICATION_JSON)
    public static final class SubProbe {

        @GET
        @Path("{name}/")
        public Map<String, Object> named(@PathParam("name") String name) {
            return Map.of("name", name);
        }
    }

    private record Answer(int status, String body) {}

    private Answer get(String path, UserAccount caller) throws Exception {
        ContainerRequest request = new ContainerRequest(
                URI.create("http://localhost/api/probe/"),
                URI.create("http://localhost/api/probe/" + path),
                "GET",
                null,
                new MapPropertiesDelegate(),
                null);
        if (caller != null) {
            request.setProperty(
                    Authentication.ATTRIBUTE,
                    new Authentication(caller, Set.of(Scope.API_READ), Authentication.Method.ACCESS_TOKEN));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ContainerResponse response = probe.apply(request, body).get();
        return new Answer(response.getStatus(), body.toString(StandardCharsets.UTF_8));
    }

    private long count(String name) {
        return registry.getCounters().containsKey(name)
                ? registry.counter(name).getCount()
                : registry.timer(name).getCount();
    }

    @Test
    void aRouteNeedsAUserUnlessItIsPublicOnEveryRequest() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("me", null).status()).isEqualTo(401);
            assertThat(get("me", ALICE)).isEqualTo(new Answer(200, "{\"id\":\"" + ALICE.id() + "\"}"));
            assertThat(get("open", null)).isEqualTo(new Answer(200, "{\"anonymous\":true}"));
            assertThat(get("open", ALICE)).isEqualTo(new Answer(200, "{\"anonymous\":false}"));
        }
    }

    @Test
    void eachRequestIsCountedUnderTheTemplateItMatched() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertThat(get("items/" + i, ALICE).status()).isEqualTo(200);
            assertThat(get("sub/n" + i + "/", ALICE).status()).isEqualTo(200);
            assertThat(get("no/such/route", ALICE).status()).isEqualTo(404);
        }
        assertThat(get("me", null).status()).isEqualTo(401);

        String base = "metacortex.http.probe.GET.";
        assertThat(count(base + "/api/probe/items/{id}.requests")).isEqualTo(2);
        assertThat(count(base + "/api/probe/items/{id}.responses.2xx")).isEqualTo(2);
        assertThat(count(base + "/api/probe/sub/{name}.requests")).isEqualTo(2);
        assertThat(count(base + "unmatched.responses.4xx")).isEqualTo(2);
        assertThat(count(base + "/api/probe/me.responses.4xx")).isEqualTo(1);
        assertThat(registry.getNames())
                .allMatch(name -> !name.contains("//") && !name.contains("/."), "no empty path segments");
    }
}
