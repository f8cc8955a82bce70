package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.db.EmbeddedPostgresServer;
import io.metacortex.db.testing.PostgresProcesses;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that ends the JVM from its start (through reflection, which no check of its bytecode sees), in a host of
 * its own on the embedded PostgreSQL: with {@code System.exit} the host exits at once (no deadlock between the
 * install holding the lifecycle and the shutdown hook stopping the server) and stops PostgreSQL; with
 * {@code Runtime.halt} (no shutdown hooks, as a SIGKILL) the next start cleans up. Either way the next start serves
 * normally and nothing of the half-installed plugin is left: no schema, role, registry row or kept bundle.
 */
class PluginExitIT {

    /** Far below the start deadline (5 minutes here): the host does not wait for it. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

    private static final Duration GONE = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private HostProcess host;

    @AfterEach
    void killWhatIsLeft() {
        try {
            if (host != null) {
                host.close();
            }
        } finally {
            PostgresProcesses.killAll(directory.resolve("data").resolve("postgres"));
        }
    }

    @Test
    void systemExitInStartEndsTheHostAndStopsPostgresWithoutDeadlock() throws Exception {
        host = quitterHost("exit");
        host.launch();
        host.awaitReady();
        long start = System.nanoTime();

        host.adminAsync("POST", "/admin/plugins", Fixtures.hostile("quitter"));

        assertThat(host.awaitExit()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(EXIT_BOUND);
        PostgresProcesses.awaitNone(host.postgresDirectory(), GONE);
        assertThat(host.log()).contains("Plugin hostile-quitter 1.0.0 called System.exit in start()");

        startsCleanAndServes();
    }

    @Test
    void runtimeHaltInStartLeavesNothingOfThePluginAfterTheNextStart() throws Exception {
        host = quitterHost("halt");
        host.launch();
        host.awaitReady();

        host.adminAsync("POST", "/admin/plugins", Fixtures.hostile("quitter"));

        assertThat(host.awaitExit()).isEqualTo(1);
        startsCleanAndServes();
        assertThat(host.log())
                .contains("The host stopped while installing plugin hostile-quitter 1.0.0; dropping the schema and"
                        + " role that install created");
    }

    @Test
    void aSigtermDuringAStartThatHangsStopsTheHostAndPostgresWithoutWaitingForTheDeadline() throws Exception {
        java.nio.file.Files.createDirectories(directory.resolve("deploy"));
        java.nio.file.Files.write(directory.resolve("deploy/sleeper.jar"), Fixtures.hostile("sleeper"));
        host = HostProcess.onEmbeddedDatabase(directory, """
                trustedCode: [hostile-sleeper]
                startTimeout: 5m
                """);
        host.launch();
        host.awaitLog("\"plugin_hostile_sleeper\" is up to date");
        long start = System.nanoTime();

        host.terminate();

        assertThat(host.awaitExit()).isNotZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(EXIT_BOUND);
        PostgresProcesses.awaitNone(host.postgresDirectory(), GONE);
        assertThat(host.log()).contains("Plugin hostile-sleeper 1.0.0 did not start: the host is shutting down.");
    }

    private HostProcess quitterHost(String how) {
        return HostProcess.onEmbeddedDatabase(directory, """
                trustedCode: [hostile-quitter]
                startTimeout: 5m
                settings:
                  hostile-quitter:
                    how: %s
                """.formatted(how));
    }

    /** Starts the host again: it serves, then, stopped, its database holds nothing of the quitter. */
    private void startsCleanAndServes() throws Exception {
        host.launch();
        host.awaitReady();
        assertThat(host.admin("GET", "/admin/plugins/hostile-quitter", null).status())
                .isEqualTo(404);
        assertThat(host.admin("POST", "/admin/plugins", Fixtures.bytes(Fixtures.SAMPLE_V1))
                        .status())
                .isEqualTo(201);
        assertThat(host.get("/api/sample").status()).isEqualTo(200);
        host.terminate();
        host.awaitExit();
        PostgresProcesses.awaitNone(host.postgresDirectory(), GONE);

        try (EmbeddedPostgresServer database = EmbeddedPostgresServer.start(host.postgresDirectory(), 0);
                Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement st = c.createStatement()) {
            assertThat(rows(st, "SELECT nspname FROM pg_namespace WHERE nspname = 'plugin_hostile_quitter'"))
                    .as("schema")
                    .isEmpty();
            assertThat(rows(st, "SELECT rolname FROM pg_roles WHERE rolname = 'plugin_hostile_quitter'"))
                    .as("role")
                    .isEmpty();
            assertThat(rows(st, "SELECT id FROM metacortex.plugins WHERE id = 'hostile-quitter'"))
                    .as("registry row")
                    .isEmpty();
            assertThat(rows(st, "SELECT version FROM metacortex.plugin_bundles WHERE plugin_id = 'hostile-quitter'"))
                    .as("kept bundles")
                    .isEmpty();
            assertThat(rows(st, "SELECT plugin_id FROM metacortex.plugin_installs"))
                    .as("installs in progress")
                    .isEmpty();
            assertThat(rows(st, "SELECT id FROM metacortex.plugins")).containsExactly("sample");
        }
    }

    private static List<String> rows(Statement st, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
