package io.metacortex.host.dav;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.util.DataSize;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import io.metacortex.host.testing.RunningHost.Reply;
import io.metacortex.plugin.api.PluginManifest;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP Basic and WebDAV methods through the whole host, with the {@code dav} fixture: Basic (e-mail and personal
 * access token) is accepted on its {@code @BasicAuthRoute} routes only, the WebDAV methods reach them with their
 * bodies through every filter, and {@code /.well-known/caldav} leads to them.
 */
class DavThroughHostTest {

    private static final String CHALLENGE = "Basic realm=\"MetaCortex\", charset=\"UTF-8\"";
    private static final String INVALID_TOKEN = "Bearer realm=\"metacortex\", error=\"invalid_token\"";
    private static final String BODY_LIMIT = "64KB";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension(config -> {
        // Every test here fails some authentications on purpose: DavBasicLimitTest covers the limit.
        config.getAuth().setFailedAttemptsPerMinute(10_000);
        config.getHttp().setMaxRequestBodySize(DataSize.parse(BODY_LIMIT));
    });

    private static RunningHost host() {
        return RUNNING.host();
    }

    private final DavRequests dav = new DavRequests(host());

    private static String myBasic() {
        return DavRequests.basic("tester@example.com", host().userToken());
    }

    @BeforeEach
    void onlyTheDavFixture() {
        RUNNING.purgeAllPlugins();
        assertThat(host().install(Fixtures.DAV, "http:basic").status()).isEqualTo(201);
    }

    @Test
    void basicWithTheEmailAndAPersonalAccessTokenReachesTheDavRoutesAsTheUser() throws IOException {
        String myId = host().get("/api/me").json().get("id").asText();

        HttpResponse<String> found = dav.propfind("/api/dav/dav/", myBasic());
        HttpResponse<String> anyCase = dav.propfind(
                "/api/dav/dav/principals/" + myId + "/", DavRequests.basic("Tester@Example.COM", host().userToken()));
        HttpResponse<String> bearer = dav.propfind("/api/dav/dav/", "Bearer " + host().userToken());

        assertThat(found.statusCode()).isEqualTo(207);
        assertThat(found.headers().firstValue("Content-Type")).hasValue("application/xml;charset=utf-8");
        assertThat(found.body())
                .contains("<d:href>/api/dav/dav/</d:href>")
                .contains("<d:current-user-principal><d:href>/api/dav/dav/principals/" + myId
                        + "/</d:href></d:current-user-principal>")
                .contains("<x:email>tester@example.com</x:email>")
                .contains("<x:scheme>BASIC</x:scheme>")
                .contains("<x:request-body-length>" + DavRequests.PROPFIND_PRINCIPAL.length() + "<");
        assertThat(anyCase.statusCode()).isEqualTo(207);
        assertThat(anyCase.body()).contains("<x:email>tester@example.com</x:email>");
        assertThat(bearer.statusCode())
                .as("a bearer token works on DAV routes too")
                .isEqualTo(207);
        assertThat(bearer.body()).contains("<x:scheme>Bearer</x:scheme>");
        // What every /api answer carries, also to a DAV method.
        assertThat(found.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(found.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(found.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void webDavMethodsReachTheResourceWithTheirBodies() {
        String report = """
                <?xml version="1.0" encoding="utf-8"?>
                <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
                  <d:prop><d:getetag/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter>
                </c:calendar-query>
                """;
        String event = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:e1\r\n"
                + "DTSTAMP:20261206T100000Z\r\nDTSTART:20261207T100000Z\r\nSUMMARY:Plants\r\nEND:VEVENT\r\n"
                + "END:VCALENDAR\r\n";

        HttpResponse<String> options = dav.send("OPTIONS", "/api/dav/dav/", myBasic(), null, null);
        HttpResponse<String> echoed = dav.send("REPORT", "/api/dav/dav/home/", myBasic(), "application/xml", report);
        HttpResponse<String> patched = dav.send("PROPPATCH", "/api/dav/dav/home/", myBasic(), "text/xml", report);
        HttpResponse<String> made = dav.send("MKCALENDAR", "/api/dav/dav/home/", myBasic(), "application/xml", report);
        HttpResponse<String> created = dav.send("PUT", "/api/dav/dav/home/e1.ics", myBasic(), "text/calendar", event);
        HttpResponse<String> read = dav.send("GET", "/api/dav/dav/home/e1.ics", myBasic(), null, null);
        HttpResponse<String> replaced =
                dav.send("PUT", "/api/dav/dav/home/e1.ics", myBasic(), "text/calendar; charset=utf-8", event);
        HttpResponse<String> deleted = dav.send("DELETE", "/api/dav/dav/home/e1.ics", myBasic(), null, null);
        HttpResponse<String> gone = dav.send("GET", "/api/dav/dav/home/e1.ics", myBasic(), null, null);

        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("DAV")).hasValue("1, 3, calendar-access");
        assertThat(echoed.statusCode()).isEqualTo(207);
        assertThat(echoed.body()).isEqualTo(report);
        assertThat(patched.statusCode()).isEqualTo(207);
        assertThat(patched.body()).isEqualTo(report);
        assertThat(made.statusCode()).isEqualTo(201);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).isPresent();
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Content-Type")).hasValue("text/calendar");
        assertThat(read.body()).isEqualTo(event);
        assertThat(replaced.statusCode()).isEqualTo(204);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(gone.statusCode()).isEqualTo(404);
    }

    @Test
    void aDavBodyOverTheLimitIsRefusedBeforeTheResource() throws IOException {
        String huge = "<d:x xmlns:d=\"DAV:\">"
                + "a".repeat((int) DataSize.parse(BODY_LIMIT).toBytes()) + "</d:x>";

        HttpResponse<String> refused = dav.send("REPORT", "/api/dav/dav/", myBasic(), "application/xml", huge);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("request body too large");
    }

    @Test
    void aMissingOrFailedCredentialOnADavRouteGetsTheBasicChallenge() throws IOException {
        String event = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
        String otherToken = host().createUserWithToken("other@example.com", "Other");
        String revoked = revokedTokenOfTheTester();

        List<HttpResponse<String>> refused = List.of(
                dav.propfind("/api/dav/dav/", null),
                dav.propfind("/api/dav/dav/", DavRequests.basic("tester@example.com", "mct_not-a-token")),
                dav.propfind("/api/dav/dav/", DavRequests.basic("nobody@example.com", host().userToken())),
                dav.propfind("/api/dav/dav/", DavRequests.basic("tester@example.com", otherToken)),
                dav.propfind("/api/dav/dav/", DavRequests.basic("tester@example.com", revoked)),
                dav.propfind("/api/dav/dav/", DavRequests.basic("tester@example.com", RunningHost.ADMIN_TOKEN)),
                dav.propfind("/api/dav/dav/", "Basic not-base64!"),
                dav.send(
                        "PUT",
                        "/api/dav/dav/home/e2.ics",
                        DavRequests.basic("x@example.com", "mct_x"),
                        "text/calendar",
                        event));

        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(CHALLENGE);
            assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unauthorized");
        }
        assertThat(JSON.readTree(refused.get(0).body()).get("detail").asText())
                .isEqualTo("This route needs your e-mail address and a personal access token (HTTP Basic), or a bearer"
                        + " token.");
        assertThat(JSON.readTree(refused.get(2).body()).get("detail").asText())
                .as("an unknown e-mail is told exactly what a wrong token is")
                .isEqualTo(JSON.readTree(refused.get(1).body()).get("detail").asText());
        assertThat(dav.send("GET", "/api/dav/dav/home/e2.ics", myBasic(), null, null)
                        .statusCode())
                .as("nothing was stored")
                .isEqualTo(404);
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT count(*) FROM metacortex.audit_log WHERE action = 'auth.failed'"
                                + " AND target LIKE 'PROPFIND /api/dav/dav/%'"))
                .as("each failed credential is audited; the missing one is not a failed authentication")
                .containsExactly("6");
    }

    @Test
    void basicIsRefusedLikeAnInvalidCredentialEverywhereElse() throws IOException {
        assertThat(host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        String basic = myBasic();

        Map<String, HttpResponse<String>> refused = Map.of(
                "the plugin's route without @BasicAuthRoute", dav.send("GET", "/api/dav/plain", basic, null, null),
                "another plugin's route", dav.send("GET", "/api/sample", basic, null, null),
                "/api/me", dav.send("GET", "/api/me", basic, null, null),
                "the admin API", dav.send("GET", "/admin/plugins", basic, null, null),
                "a failed Basic credential on a route without it",
                        dav.send(
                                "GET", "/api/dav/plain", DavRequests.basic("tester@example.com", "mct_x"), null, null));

        for (Map.Entry<String, HttpResponse<String>> answer : refused.entrySet()) {
            HttpResponse<String> response = answer.getValue();
            assertThat(response.statusCode()).as(answer.getKey()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate"))
                    .as(answer.getKey())
                    .containsExactly(INVALID_TOKEN);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("error").asText()).isEqualTo("unauthorized");
            assertThat(body.get("detail").asText()).isEqualTo("The Authorization header must use the Bearer scheme.");
        }
        assertThat(host().get("/api/dav/plain").status())
                .as("with a bearer token")
                .isEqualTo(200);
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT target FROM metacortex.audit_log WHERE action = 'auth.failed' ORDER BY target"))
                .contains("GET /admin/plugins", "GET /api/dav/plain", "GET /api/me", "GET /api/sample");
    }

    @Test
    void aReadOnlyTokenMayReadThroughDavButNotWrite() {
        Reply token = host().adminJson(
                        "POST",
                        "/admin/users/" + host().get("/api/me").json().get("id").asText() + "/tokens",
                        "{\"name\": \"phone\", \"scopes\": [\"api:read\"]}");
        String readOnly = DavRequests.basic(
                "tester@example.com", token.json().get("token").asText());

        assertThat(dav.propfind("/api/dav/dav/", readOnly).statusCode()).isEqualTo(207);
        assertThat(dav.send("REPORT", "/api/dav/dav/", readOnly, "application/xml", "<x/>")
                        .statusCode())
                .isEqualTo(207);
        assertThat(dav.send("PUT", "/api/dav/dav/e3.ics", readOnly, "text/calendar", "BEGIN:VCALENDAR")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void routesMarkedForBasicNeedThePermissionDeclared() {
        RUNNING.purgeAllPlugins();
        DatabaseSnapshot before = DatabaseSnapshot.of(RUNNING.database());

        Reply undeclared = host().install(Fixtures.withHeader(Fixtures.DAV, PluginManifest.PLUGIN_PERMISSIONS, null));
        Reply notAccepted = host().install(Fixtures.DAV);

        assertThat(undeclared.status()).isEqualTo(422);
        assertThat(undeclared.json().get("error").asText()).isEqualTo("invalid plugin metadata");
        assertThat(undeclared.json().get("detail").asText())
                .startsWith("Plugin dav 1.0.0 marks io.metacortex.fixture.dav.DavResource @BasicAuthRoute but does not"
                        + " declare the permission http:basic in MetaCortex-Plugin-Permissions.");
        assertThat(notAccepted.status()).isEqualTo(422);
        assertThat(notAccepted.json().get("error").asText()).isEqualTo("permissions not accepted");
        assertThat(DatabaseSnapshot.of(RUNNING.database())).isEqualTo(before);
        assertThat(host().admin("GET", "/admin/plugins/dav", null).status()).isEqualTo(404);
    }

    @Test
    void requestMetricsLabelTheDavMethods() {
        assertThat(dav.propfind("/api/dav/dav/", myBasic()).statusCode()).isEqualTo(207);
        assertThat(dav.send("REPORT", "/api/dav/dav/", myBasic(), "application/xml", "<x/>")
                        .statusCode())
                .isEqualTo(207);

        String metrics = scrape();

        assertThat(metrics)
                .as("the route template's dots are underscores, as for every route")
                .contains("metacortex_http_responses_total{method=\"PROPFIND\",plugin=\"dav\","
                        + "route=\"/api/dav/dav/{path: _*}\",status=\"2xx\"} 1")
                .contains("metacortex_http_responses_total{method=\"REPORT\",plugin=\"dav\","
                        + "route=\"/api/dav/dav/{path: _*}\",status=\"2xx\"} 1")
                .doesNotContain("method=\"OTHER\"");
    }

    @Test
    void theApiDocumentLeavesTheDavMethodsOut() throws IOException {
        Reply document =
                host().send(HttpRequest.newBuilder(host().uri("/openapi.json")).GET());

        assertThat(document.status()).isEqualTo(200);
        JsonNode paths = document.json().get("paths");
        assertThat(paths.has("/api/dav/plain")).isTrue();
        JsonNode davPath = paths.get("/api/dav/dav/{path}");
        assertThat(davPath).as(paths.toString()).isNotNull();
        List<String> methods = iterable(davPath.fieldNames());
        assertThat(methods).contains("get", "put", "delete", "options").doesNotContain("post", "patch", "head");
        assertThat(document.body()).doesNotContainIgnoringCase("propfind").doesNotContainIgnoringCase("mkcalendar");
        assertThat(davPath.get("get").get("security").toString())
                .as("a bearer token or HTTP Basic")
                .isEqualTo("[{\"userToken\":[]},{\"userBasic\":[]}]");
        assertThat(paths.get("/api/dav/plain").get("get").get("security").toString())
                .isEqualTo("[{\"userToken\":[]}]");
        assertThat(document.json()
                        .at("/components/securitySchemes/userBasic/scheme")
                        .asText())
                .isEqualTo("basic");
    }

    @Test
    void wellKnownCaldavLeadsToThePluginThatClaimsIt() throws IOException {
        HttpResponse<String> caldav = dav.send("PROPFIND", "/.well-known/caldav", null, "application/xml", "<x/>");
        HttpResponse<String> carddav = dav.send("GET", "/.well-known/carddav", null, null, null);

        assertThat(caldav.statusCode()).isEqualTo(307);
        assertThat(caldav.headers().firstValue("Location")).hasValue("/api/dav/dav/");
        assertThat(carddav.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(carddav.body()).get("detail").asText())
                .isEqualTo("No active plugin answers /.well-known/carddav.");

        assertThat(host().admin("POST", "/admin/plugins/dav/disable", null).status())
                .isEqualTo(200);
        assertThat(dav.send("GET", "/.well-known/caldav", null, null, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void oneActivePluginAtATimeClaimsAWellKnownName() {
        byte[] second = Fixtures.rewrite(
                Fixtures.DAV,
                manifest -> {
                    manifest.putValue(PluginManifest.PLUGIN_ID, "dav-two");
                    manifest.putValue("Bundle-SymbolicName", "io.metacortex.plugin.dav-two");
                },
                Map.of());
        DatabaseSnapshot before = DatabaseSnapshot.of(RUNNING.database());

        Reply taken = host().install(second, "http:basic");

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("error").asText()).isEqualTo("well-known name taken");
        assertThat(taken.json().get("detail").asText())
                .startsWith("Plugin dav-two 1.0.0 claims /.well-known/caldav, which plugin dav answers; only one active"
                        + " plugin may. Disable or uninstall dav first.");
        assertThat(DatabaseSnapshot.of(RUNNING.database())).isEqualTo(before);

        assertThat(host().admin("POST", "/admin/plugins/dav/disable", null).status())
                .isEqualTo(200);
        assertThat(host().install(second, "http:basic").status()).isEqualTo(201);
        assertThat(dav.send("GET", "/.well-known/caldav", null, null, null)
                        .headers()
                        .firstValue("Location"))
                .hasValue("/api/dav-two/dav/");
        assertThat(host().admin("POST", "/admin/plugins/dav/enable", null).status())
                .isEqualTo(409);
    }

    @Test
    void aWellKnownClaimMustNameAKnownNameAndAPath() {
        RUNNING.purgeAllPlugins();
        for (String claim :
                List.of("webdav=/dav/", "caldav", "caldav=/../admin", "caldav=dav", "caldav=/a,caldav=/b")) {
            Reply refused = host().install(
                            Fixtures.withHeader(Fixtures.DAV, PluginManifest.PLUGIN_WELL_KNOWN, claim), "http:basic");
            assertThat(refused.status()).as(claim).isEqualTo(422);
            assertThat(refused.json().get("error").asText()).isEqualTo("invalid plugin metadata");
            assertThat(refused.json().get("detail").asText()).startsWith("MetaCortex-Plugin-Well-Known: ");
        }
    }

    private String revokedTokenOfTheTester() throws IOException {
        Reply created = host().postJson("/api/me/tokens", "{\"name\": \"lost phone\"}");
        String tokenId = created.json().get("id").asText();
        assertThat(host().asUser("DELETE", "/api/me/tokens/" + tokenId, null).status())
                .isEqualTo(204);
        return created.json().get("token").asText();
    }

    private static String scrape() {
        try {
            return host().http()
                    .send(
                            HttpRequest.newBuilder(host().adminPortUri("/metrics/prometheus"))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new java.util.ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
