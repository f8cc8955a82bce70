package io.metacortex.finance.internal.plaid;

import static io.metacortex.finance.internal.plaid.PlaidFake.ACCESS_TOKEN;
import static io.metacortex.finance.internal.plaid.PlaidFake.CHECKING;
import static io.metacortex.finance.internal.plaid.PlaidFake.SECRET;
import static io.metacortex.finance.internal.plaid.PlaidFake.account;
import static io.metacortex.finance.internal.plaid.PlaidFake.page;
import static io.metacortex.finance.internal.plaid.PlaidFake.transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metacortex.finance.FinancePlugin;
import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.PluginObjectMapper;
import io.metacortex.plugin.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The access token (and the client secret) appear in no log line at any level, in no API answer, error included, and
 * nowhere in the plugin's tables: linking, syncing through failures, webhooks and removing, all captured.
 */
class AccessTokenSecrecyTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("finance", FinancePlugin.class);

    private static final String CHECKING_JSON = account(CHECKING, "Plaid Checking", "110.25", "100", "USD");

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ObjectMapper json = PluginObjectMapper.create();
    private final List<String> answers = new ArrayList<>();
    private Level rootLevel;
    private PlaidHarness harness;

    @BeforeEach
    void capture() throws Exception {
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        logged.start();
        root.addAppender(logged);
        harness = new PlaidHarness(DB);
    }

    @AfterEach
    void restore() throws Exception {
        try {
            harness.close();
        } finally {
            root.detachAppender(logged);
            root.setLevel(rootLevel);
        }
    }

    @Test
    void theAccessTokenIsInNoLogNoAnswerAndNoTable() throws Exception {
        PlaidFake plaid = harness.plaid;
        WebhookSigner key = new WebhookSigner("kid-1");
        plaid.verificationKey(key, null);
        plaid.linkTokenCreated();
        plaid.publicTokenExchanged();
        plaid.accounts(CHECKING_JSON);
        harness.as(TestUsers.ALICE.id());
        answer(() -> harness.linkTokens().create(TestUsers.ALICE));
        answer(() -> harness.items().link(TestUsers.ALICE, new LinkRequest("public-sandbox-bad", null)));
        Object linked = answer(() -> harness.items()
                .link(TestUsers.ALICE, new LinkRequest(PlaidFake.PUBLIC_TOKEN, null))
                .getEntity());
        UUID item = ((PlaidItems.LinkedItem) linked).item().id();

        plaid.syncPageAfter(
                null,
                PlaidFake.error(429, "RATE_LIMIT_EXCEEDED", "TRANSACTIONS_SYNC_LIMIT", "rate limit", null),
                page(
                        List.of(transaction("t1", CHECKING, "1.00", "2026-11-24", "X", null)),
                        List.of(),
                        List.of(),
                        "c1",
                        true,
                        CHECKING_JSON));
        plaid.server()
                .stubFor(plaid.syncFrom("c1")
                        .willReturn(PlaidFake.error(500, "API_ERROR", "INTERNAL_SERVER_ERROR", "unexpected", null)));
        assertThat(catchThrowable(() -> harness.runSync(item))).isInstanceOf(PlaidApiException.class);
        plaid.server()
                .stubFor(plaid.syncFrom("c1")
                        .atPriority(1)
                        .willReturn(
                                PlaidFake.error(400, "ITEM_ERROR", "ITEM_LOGIN_REQUIRED", "login", "Log in again.")));
        harness.runSync(item);
        harness.as(TestUsers.ALICE.id());
        answer(() -> harness.items().list(TestUsers.ALICE));
        answer(() -> harness.items().sync(TestUsers.ALICE, item.toString()));

        String body = "{\"webhook_type\": \"ITEM\", \"webhook_code\": \"LOGIN_REPAIRED\", \"item_id\": \""
                + PlaidFake.ITEM_ID + "\"}";
        harness.context.actAs(null);
        answer(() -> harness.webhooks().receive(key.sign(body, Instant.now()), bytes(body)));
        answer(() -> harness.webhooks().receive("forged", bytes(body)));

        String inTables = tablesAsText();
        plaid.itemRemoved();
        harness.as(TestUsers.ALICE.id());
        answer(() -> harness.items().remove(TestUsers.ALICE, item.toString()).getEntity());

        assertThat(plaid.requests("/transactions/sync")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(logged.list).isNotEmpty();
        assertThat(answers).hasSize(8);
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : logged.list) {
            lines.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        assertThat(lines).noneMatch(line -> line.contains(ACCESS_TOKEN) || line.contains(SECRET));
        assertThat(answers).noneMatch(answer -> answer.contains(ACCESS_TOKEN) || answer.contains(SECRET));
        assertThat(inTables).contains(PlaidFake.ITEM_ID).doesNotContain(ACCESS_TOKEN, SECRET);
    }

    /** Every row of every table of the plugin's schema, as text. */
    private String tablesAsText() {
        return DB.jdbi().withHandle(handle -> {
            StringBuilder all = new StringBuilder();
            List<String> tables = handle.createQuery(
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = :schema")
                    .bind("schema", DB.database().schema())
                    .mapTo(String.class)
                    .list();
            assertThat(tables).contains("plaid_items", "accounts", "transactions");
            for (String table : tables) {
                handle.createQuery("SELECT t::text FROM " + DB.database().schema() + ".\"" + table + "\" t")
                        .mapTo(String.class)
                        .forEach(row -> all.append(row).append('\n'));
            }
            return all.toString();
        });
    }

    private Object answer(ThrowingSupplier call) throws Exception {
        Object entity;
        try {
            entity = call.get();
        } catch (ApiException e) {
            entity = e.getResponse().getEntity();
        }
        answers.add(json.writeValueAsString(entity));
        return entity;
    }

    private interface ThrowingSupplier {
        Object get() throws Exception;
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
