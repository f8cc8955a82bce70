package io.metacortex.host.database;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.RunningHost;
import io.metacortex.host.testing.RunningHost.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A hostile plugin ({@code hostile-rawjdbc}) goes around its Jdbi with the PostgreSQL driver it finds through its
 * own connection, against the host's embedded PostgreSQL: logging in as the superuser or as another plugin's role
 * with made-up passwords, and reading the host's table of plugin passwords, are all refused by the database itself
 * (the plugin is in {@code plugins.trustedCode}, so that the install-time code check does not stop it first), and
 * the host keeps serving the other plugin.
 */
class RawJdbcFromAPluginTest {

    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @TempDir
    static Path dataDir;

    private static RunningHost host;

    @BeforeAll
    static void startOnTheEmbeddedDatabase() {
        host = RunningHost.start(
                null, dataDir, config -> config.getPlugins().setTrustedCode(List.of("hostile-rawjdbc")));
        // Dropwizard configures logging as it starts: listen from then on.
        LOG.start();
        root().addAppender(LOG);
        assertThat(host.install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        assertThat(host.install(Fixtures.hostile("rawjdbc")).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        try {
            if (host != null) {
                host.close();
            }
        } finally {
            root().detachAppender(LOG);
        }
    }

    @Test
    void everyLoginWithAMadeUpPasswordIsRefusedAndTheOtherPluginKeepsServing() {
        Reply reply = host.get("/api/hostile-rawjdbc");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode report = reply.json();
        assertThat(report.get("ownRole").asText()).isEqualTo("plugin_hostile_rawjdbc");
        assertThat(report.get("driver").asText()).isEqualTo("org.postgresql.Driver");
        assertThat(texts(report.get("otherRoles"))).contains("plugin_sample");
        assertThat(report.get("logins")).hasSizeGreaterThanOrEqualTo(6);
        for (JsonNode login : report.get("logins")) {
            assertThat(login.get("outcome").asText())
                    .as("login as %s with %s", login.get("user"), login.get("password"))
                    .startsWith("refused: ")
                    .contains("password authentication failed for user \""
                            + login.get("user").asText() + "\"");
        }
        assertThat(report.get("pluginRolesTable").asText())
                .startsWith("refused: ")
                .contains("permission denied");
        assertThat(report.get("driverManager").asText()).startsWith("refused: ");

        assertThat(host.get("/api/sample/items").status()).isEqualTo(200);
        assertThat(host.admin("GET", "/admin/plugins", null).status()).isEqualTo(200);
    }

    /** The refusals above are the passwords' doing: with the right ones, the same logins work. */
    @Test
    void theRightPasswordsLogInTheyLiveWhereOnlyTheHostReadsAndAreNeverLogged() throws Exception {
        Path passwordFile = dataDir.resolve("postgres.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("secret-keys"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                .isEqualTo("rwx------");
        String superuserPassword = Files.readString(passwordFile).strip();
        String url = texts(host.get("/api/hostile-rawjdbc").json().get("url")).get(0);

        String samplePassword;
        try (Connection c = DriverManager.getConnection(url, "postgres", superuserPassword);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT password FROM metacortex.plugin_roles WHERE role_name = 'plugin_sample'")) {
            assertThat(rs.next()).isTrue();
            samplePassword = rs.getString(1);
        }
        try (Connection c = DriverManager.getConnection(url, "plugin_sample", samplePassword)) {
            assertThat(c.getMetaData().getUserName()).isEqualTo("plugin_sample");
        }

        assertThat(LOG.list).extracting(ILoggingEvent::getFormattedMessage).isNotEmpty();
        assertThat(LOG.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(message -> message.contains(superuserPassword) || message.contains(samplePassword));
        assertThat(Files.readString(dataDir.resolve("postgres/postmaster.log")))
                .doesNotContain(superuserPassword)
                .doesNotContain(samplePassword)
                .contains("password authentication failed for user \"postgres\"");
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(element -> texts.add(element.asText()));
        } else {
            texts.add(node.asText());
        }
        return texts;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
