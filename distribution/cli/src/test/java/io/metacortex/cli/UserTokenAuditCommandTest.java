package io.metacortex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code metacortex user create}, {@code token create} and {@code audit} against a running host. */
class UserTokenAuditCommandTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    private static CliRun cli(String... args) {
        return CliRun.run(environment(RunningHost.ADMIN_TOKEN), args);
    }

    private static Map<String, String> environment(String token) {
        return Map.of("METACORTEX_URL", RUNNING.host().uri("/").toString(), "METACORTEX_TOKEN", token);
    }

    @Test
    void createsAUserAndATokenThatWorks() {
        CliRun user =
                cli("user", "create", "--email", "ada@example.com", "--name", "Ada", "--time-zone", "Europe/Berlin");
        assertThat(user.exitCode()).as(user.toString()).isZero();
        assertThat(user.out())
                .startsWith("Created user ada@example.com.\n")
                .containsPattern("(?m)^roles +user$")
                .containsPattern("(?m)^time zone +Europe/Berlin$");

        CliRun token = cli("token", "create", "--user", "ADA@example.com", "--name", "laptop", "--scope", "api:read");
        assertThat(token.exitCode()).as(token.toString()).isZero();
        assertThat(token.out())
                .startsWith("Created token laptop for user ADA@example.com.\n")
                .containsPattern("(?m)^scopes +api:read$")
                .containsPattern("(?m)^expires at +never$");
        String secret = token.out().lines().reduce((first, second) -> second).orElseThrow();
        RunningHost.Reply me = RUNNING.host().as(secret, "GET", "/api/me", null);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("email").asText()).isEqualTo("ada@example.com");
        assertThat(RUNNING.host()
                        .as(secret, "PATCH", "/api/me", "{\"timeZone\": \"UTC\"}")
                        .status())
                .as("api:read only")
                .isEqualTo(403);
    }

    @Test
    void jsonPrintsTheApisAnswerAndATokenForAUserGivenById() {
        CliRun user =
                cli("--json", "user", "create", "--email", "grace@example.com", "--name", "Grace", "--role", "admin");
        assertThat(user.exitCode()).as(user.toString()).isZero();
        JsonNode created = user.json();
        assertThat(created.get("roles").toString()).isEqualTo("[\"admin\",\"user\"]");
        String id = created.get("id").asText();

        CliRun token =
                cli("token", "create", "--json", "--user", id, "--name", "ops", "--expires-at", "2099-01-01T00:00:00Z");
        assertThat(token.exitCode()).as(token.toString()).isZero();
        assertThat(token.json().get("expiresAt").asText()).isEqualTo("2099-01-01T00:00:00Z");
        String secret = token.json().get("token").asText();

        // An admin's own token with scope admin works for the CLI as the bootstrap token does.
        CliRun asGrace = CliRun.run(environment(secret), "plugin", "list", "--json");
        assertThat(asGrace.exitCode()).as(asGrace.toString()).isZero();
        assertThat(asGrace.json().get("plugins")).isNotNull();
    }

    @Test
    void invalidOrDuplicateUsersAreRefusedWithTheFieldsNamed() {
        CliRun invalid = cli("user", "create", "--email", "not-an-address", "--name", "X", "--role", "root");
        assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(2);
        assertThat(invalid.err())
                .isEqualTo("metacortex: refused (422): validation failed\n"
                        + "  2 fields are invalid.\n"
                        + "  email: must be an e-mail address\n"
                        + "  roles: must be one or more of admin, user\n");

        assertThat(cli("user", "create", "--email", "twice@example.com", "--name", "Once")
                        .exitCode())
                .isZero();
        CliRun twice = cli("user", "create", "--email", "twice@example.com", "--name", "Twice");
        assertThat(twice.exitCode()).as(twice.toString()).isEqualTo(2);
        assertThat(twice.err()).startsWith("metacortex: refused (409): user exists\n");

        CliRun nobody = cli("token", "create", "--user", "nobody@example.com", "--name", "x");
        assertThat(nobody.exitCode()).as(nobody.toString()).isEqualTo(2);
        assertThat(nobody.err())
                .isEqualTo("metacortex: refused (404): user not found\n  No user has the e-mail nobody@example.com.\n");
    }

    @Test
    void auditListsEntriesFilteredByActionAndActorAPageAtATime() {
        assertThat(cli("plugin", "install", Fixtures.SAMPLE_V1.toString()).exitCode())
                .isZero();
        for (int i = 0; i < 2; i++) {
            assertThat(cli("plugin", "disable", "sample").exitCode()).isZero();
            assertThat(cli("plugin", "enable", "sample").exitCode()).isZero();
        }

        CliRun installs = cli("audit", "--action", "plugin.install", "--json");
        assertThat(installs.exitCode()).as(installs.toString()).isZero();
        JsonNode items = installs.json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("target").asText()).isEqualTo("/admin/plugins");
        String actor = items.get(0).get("actor").asText();

        CliRun table = cli("audit", "--actor", actor, "--action", "plugin.install");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out().lines().toList())
                .hasSize(2)
                .first()
                .asString()
                .matches("ID +AT +ACTOR +ACTION +TARGET +OUTCOME +FROM +DETAIL");
        assertThat(table.out().lines().toList().get(1)).contains(" plugin.install ", " /admin/plugins ", " SUCCESS ");

        CliRun page = cli("audit", "--action", "plugin.enable", "--limit", "1");
        assertThat(page.exitCode()).as(page.toString()).isZero();
        assertThat(page.out().lines()).hasSize(3);
        assertThat(page.out()).contains(" plugin.enable ").containsPattern("Older entries: add --before \\d+\n$");
        long before = Long.parseLong(page.out().replaceAll("(?s).*--before (\\d+)\n$", "$1"));
        CliRun next = cli("audit", "--action", "plugin.enable", "--limit", "1", "--before", "" + before, "--json");
        JsonNode older = next.json().get("items");
        assertThat(older).hasSize(1);
        assertThat(older.get(0).get("action").asText()).isEqualTo("plugin.enable");
        assertThat(older.get(0).get("id").asLong()).isLessThan(before);

        assertThat(cli("audit", "--action", "no.such.action").out()).isEqualTo("No audit entries.\n");

        CliRun badLimit = cli("audit", "--limit", "0");
        assertThat(badLimit.exitCode()).as(badLimit.toString()).isEqualTo(2);
        assertThat(badLimit.err())
                .isEqualTo("metacortex: refused (400): invalid query parameter\n"
                        + "  limit must be a whole number from 1 to 500.\n");
    }

    @Test
    void aWrongTokenIsRefusedAndNoTokenIsEverPrinted() {
        CliRun wrong = CliRun.run(environment("not-the-token"), "plugin", "list");
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(2);
        assertThat(wrong.err()).startsWith("metacortex: refused (401): unauthorized\n");
        assertThat(wrong.toString()).doesNotContain("not-the-token");

        CliRun flag = CliRun.run(
                Map.of("METACORTEX_URL", RUNNING.host().uri("").toString()),
                "plugin",
                "list",
                "--token",
                RunningHost.ADMIN_TOKEN);
        assertThat(flag.exitCode()).as(flag.toString()).isZero();
        assertThat(flag.toString()).doesNotContain(RunningHost.ADMIN_TOKEN);
    }
}
