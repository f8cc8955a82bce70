package io.metacortex.plugin.testing;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck;
import com.sun.net.httpserver.HttpServer;
import io.metacortex.outbound.OutboundPolicy;
import io.metacortex.plugin.api.CircuitOpenException;
import io.metacortex.plugin.api.OutboundHttp;
import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.api.PluginPermissionException;
import io.metacortex.plugin.api.PluginPermissions;
import io.metacortex.plugin.api.SecretStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The test kit's plugin context, held to the host's semantics (HostPluginContext). */
class TestPluginContextTest {

    /** A service type other plugins could offer or look up. */
    interface Greeter extends Supplier<String> {}

    private static final HealthCheck HEALTHY = new HealthCheck() {
        @Override
        protected Result check() {
            return Result.healthy();
        }
    };

    @Test
    void startCollectsWhatThePluginRegistersAndThenClosesRegistration() throws Exception {
        Greeter greeter = () -> "hello";
        TestPluginContext context =
                TestPluginContext.of("greeter").version("2.1.0").configuration(Map.of("greeting", "hello"));

        context.start(c -> {
            c.registerResource(String.class);
            c.registerResource("a resource instance");
            c.registerHealthCheck("database", HEALTHY);
            c.provideService(Greeter.class, greeter);
            assertThat(c.pluginId()).isEqualTo("greeter");
            assertThat(c.version()).isEqualTo("2.1.0");
            assertThat(c.configuration()).containsExactly(Map.entry("greeting", "hello"));
        });

        assertThat(context.resources()).containsExactly(String.class, "a resource instance");
        assertThat(context.healthChecks()).containsExactly(Map.entry("database", HEALTHY));
        assertThat(context.provided(Greeter.class)).containsExactly(greeter);
        assertThat(context.providedTypes()).containsExactly(Greeter.class);
        assertThatThrownBy(() -> context.registerResource(Integer.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Resources can only be registered during Plugin.start");
        assertThatThrownBy(() -> context.provideService(Greeter.class, greeter))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Services can only be offered during Plugin.start");
        context.registerHealthCheck("later", HEALTHY);
        assertThat(context.healthChecks()).containsOnlyKeys("database", "later");
        assertThatThrownBy(() -> context.configuration().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void registrationsAreCheckedAsByTheHost() {
        TestPluginContext context = TestPluginContext.of("checked");
        context.registerHealthCheck("database", HEALTHY);

        assertThatThrownBy(() -> context.registerHealthCheck("database", HEALTHY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Plugin checked already registered health check database");
        assertThatThrownBy(() -> context.registerHealthCheck(" ", HEALTHY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> context.registerResource(null)).isInstanceOf(NullPointerException.class);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Object> greeterType = (Class) Greeter.class;
        assertThatThrownBy(() -> context.provideService(greeterType, "not a greeter"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("java.lang.String does not implement " + Greeter.class.getName());
        assertThat(context.providedTypes()).isEmpty();
    }

    @Test
    void servicesListWhatOtherPluginsOfferAndTheLookupsAreRecorded() {
        Greeter first = () -> "first";
        Greeter second = () -> "second";
        TestPluginContext context =
                TestPluginContext.of("looking").offer(Greeter.class, first).offer(Greeter.class, second);

        assertThat(context.services(Greeter.class)).containsExactly(first, second);
        assertThat(context.services(Runnable.class)).isEmpty();
        assertThat(context.serviceLookups()).containsExactly(Greeter.class, Runnable.class);
    }

    @Test
    void capabilitiesThePluginWasNotGrantedThrowTheHostsPermissionException() {
        TestPluginContext context = TestPluginContext.of("plain");

        assertThatThrownBy(context::users)
                .isInstanceOf(PluginPermissionException.class)
                .hasMessage("Plugin plain did not declare the permission users:read (MetaCortex-Plugin-Permissions).");
        assertThatThrownBy(context::secrets)
                .isInstanceOf(PluginPermissionException.class)
                .hasMessage("Plugin plain did not declare the permission secrets (MetaCortex-Plugin-Permissions).");
        assertThatThrownBy(context::http)
                .isInstanceOf(PluginPermissionException.class)
                .hasMessage("Plugin plain did not declare the permission http:outbound"
                        + " (MetaCortex-Plugin-Permissions).");
    }

    @Test
    void grantedUsersAndSecretsWork() {
        TestPluginContext context = TestPluginContext.of("granted")
                .grant(PluginPermissions.USERS_READ, PluginPermissions.SECRETS)
                .withUsers(ALICE);

        assertThat(context.users().find(ALICE.id())).contains(ALICE);
        assertThat(context.users().find(BOB.id())).isEmpty();
        SecretStore secrets = context.secrets();
        secrets.put("plaid/" + ALICE.id(), "token");
        assertThat(context.secrets().get("plaid/" + ALICE.id())).contains("token");
        assertThat(secrets.delete("plaid/" + ALICE.id())).isTrue();
        assertThat(secrets.delete("plaid/" + ALICE.id())).isFalse();
        assertThat(secrets.get("plaid/" + ALICE.id())).isEmpty();
        assertThatThrownBy(() -> secrets.put(" ", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secrets.put("name", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outboundHttpReachesOnlyTheDeclaredHosts() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            OutboundHttp http = TestPluginContext.of("caller")
                    .allowHosts("127.0.0.1", "*.Example.org")
                    .http();
            URI local = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping");

            HttpResponse<String> reply =
                    http.send(HttpRequest.newBuilder(local).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(reply.body()).isEqualTo("pong");
            assertThatThrownBy(() -> http.send(
                            HttpRequest.newBuilder(URI.create("http://example.org/"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(PluginPermissionException.class)
                    .hasMessage("Plugin caller may not call example.org: http:outbound names only"
                            + " [*.example.org, 127.0.0.1].");
            assertThatThrownBy(() -> http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:1/"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(PluginPermissionException.class);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void outboundHttpRetriesAndOpensItsBreakerAsTheHostDoes() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/", exchange -> {
            int status = requests.incrementAndGet() == 1 ? 503 : 500;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            TestPluginContext context = TestPluginContext.of("caller")
                    .allowHosts("127.0.0.1")
                    .outboundPolicy(OutboundPolicy.builder()
                            .backoff(Duration.ofMillis(10), Duration.ofMillis(10))
                            .breaker(new OutboundPolicy.Breaker(50, 2, 2, Duration.ofMinutes(1), 1))
                            .build());
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                    .build();

            // 503 is retried, 500 is returned; two failures of two calls open the breaker.
            assertThat(context.http()
                            .send(request, HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(500);
            assertThat(requests).hasValue(2);
            assertThatThrownBy(() -> context.http().send(request, HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(CircuitOpenException.class);
            assertThat(requests).hasValue(2);
            assertThat(context.outbound().circuits())
                    .singleElement()
                    .satisfies(c -> assertThat(c.state()).isEqualTo("OPEN"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void userSettingsAreTheUsersChoicesOverTheDefaults() {
        TestPluginContext context = TestPluginContext.of("settings")
                .withDefaultUserSettings(Map.of("dailyGoal", 3L, "units", "metric"))
                .withUserSettings(ALICE.id(), Map.of("dailyGoal", 5L));

        assertThat(context.userSettings(ALICE.id()))
                .containsOnly(Map.entry("dailyGoal", 5L), Map.entry("units", "metric"));
        assertThat(context.userSettings(BOB.id()))
                .containsOnly(Map.entry("dailyGoal", 3L), Map.entry("units", "metric"));
        assertThatThrownBy(() -> context.userSettings(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theJdbiIsThePluginsOwnWithTheUserItActsFor() {
        try (PluginDatabase db = PluginDatabase.create("widgets", TestPluginContextTest.class)) {
            TestPluginContext context = TestPluginContext.of(db).actAs(ALICE.id());
            PluginContext plugin = context;
            Jdbi jdbi = plugin.jdbi();

            jdbi.useHandle(h -> h.execute("INSERT INTO widgets (name) VALUES ('alice''s')"));
            String user = jdbi.withHandle(h ->
                    h.createQuery("SELECT current_user").mapTo(String.class).one());
            assertThat(user).isEqualTo("plugin_widgets");
            assertThat(names(jdbi)).containsExactly("alice's");
            context.actAs(BOB.id());
            assertThat(names(jdbi)).isEmpty();
            context.actAs(null);
            assertThat(names(jdbi)).isEmpty();
            assertThat(db.count("widgets")).isOne();
            assertThat(context.database()).contains(db);
            assertThat(plugin.pluginId()).isEqualTo("widgets");
        }
    }

    @Test
    void aContextWithoutADatabaseSaysSoWhenAskedForOne() {
        TestPluginContext context = TestPluginContext.of("no-db");

        assertThatThrownBy(context::jdbi)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TestPluginContext.of(PluginDatabase)");
        assertThat(context.database()).isEmpty();
        assertThat(context.metrics()).isSameAs(context.metrics());
        assertThat(context.version()).isEqualTo("1.0.0");
        assertThat(context.configuration()).isEmpty();
    }

    @Test
    void theExecutorIsTheHostsAndStopShutsItDown() throws Exception {
        TestPluginContext context = TestPluginContext.of("ticker").executorThreads(1);
        CountDownLatch ticks = new CountDownLatch(3);
        AtomicReference<String> thread = new AtomicReference<>();
        Plugin plugin = new Plugin() {
            @Override
            public void start(PluginContext c) {
                c.executor()
                        .scheduleWithFixedDelay(
                                () -> {
                                    thread.set(Thread.currentThread().getName());
                                    ticks.countDown();
                                },
                                0,
                                1,
                                TimeUnit.MILLISECONDS);
            }
        };

        context.start(plugin);
        assertThat(ticks.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(context.executor()).isSameAs(context.executor());
        context.stop(plugin);

        assertThat(thread.get()).isEqualTo("plugin-ticker-1");
        assertThat(context.executor().isTerminated()).isTrue();
        assertThatThrownBy(() -> context.executor().execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void stopFailsWhenATaskIgnoresItsInterrupt() throws Exception {
        TestPluginContext context = TestPluginContext.of("stubborn").stopTimeout(Duration.ofMillis(100));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Plugin plugin = c -> c.executor().execute(() -> {
            started.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // keeps going, as a hostile plugin would
                }
            }
        });
        context.start(plugin);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> context.stop(plugin))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("plugin stubborn's executor still runs 100 ms after stop");
        } finally {
            release.countDown();
        }
    }

    @Test
    void stopWithoutAnyTaskLeavesAnExecutorThatRefusesWork() throws Exception {
        TestPluginContext context = TestPluginContext.of("idle");
        Plugin plugin = c -> {};
        context.start(plugin).stop(plugin);

        assertThat(context.executor().isShutdown()).isTrue();
        assertThatThrownBy(() -> context.executorThreads(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> names(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name FROM widgets ORDER BY id")
                .mapTo(String.class)
                .list());
    }
}
