package io.metacortex.host.finance;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The finance plugin installed alone in a running host: its bundle passes the code check with its statement parsers
 * embedded, migrates its schema, and serves accounts over HTTP, per user, money as decimal strings.
 */
class FinanceThroughHostTest {

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    private static String otherUser;

    @BeforeAll
    static void start() {
        Reply installed = RUNNING.host().install(Fixtures.FINANCE, Fixtures.FINANCE_PERMISSIONS);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        otherUser = RUNNING.host().createUserWithToken("other@example.com", "Otto Other");
    }

    @BeforeEach
    void empty() {
        DatabaseSnapshot.execute(RUNNING.database(), "DELETE FROM plugin_finance.accounts");
    }

    @Test
    void itIsActive() {
        Reply plugins = RUNNING.host().admin("GET", "/admin/plugins", null);

        assertThat(plugins.json().get("plugins").findValuesAsText("id")).containsExactly("finance");
        assertThat(plugins.json().get("plugins").get(0).get("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void accountsPerUserWithExactBalances() {
        Reply created = RUNNING.host().postJson("/api/finance/accounts", """
                {"name": "Checking", "currency": "eur", "balance": "1234.5"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("currency").asText()).isEqualTo("EUR");
        assertThat(created.json().get("currentBalance").isTextual()).isTrue();
        assertThat(created.json().get("currentBalance").asText()).isEqualTo("1234.50");
        String path = "/api/finance/accounts/" + created.json().get("id").asLong();

        assertThat(RUNNING.host().get(path).status()).isEqualTo(200);
        assertThat(RUNNING.host().as(otherUser, "GET", path, null).status()).isEqualTo(404);
        assertThat(RUNNING.host().as(otherUser, "DELETE", path, null).status()).isEqualTo(404);

        Reply invalid = RUNNING.host().postJson("/api/finance/accounts", """
                {"name": "", "currency": "XXY", "balance": 12.5}""");
        assertThat(invalid.status()).as(invalid.body()).isIn(400, 422);
    }
}
