package io.metacortex.host.testing;

import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import io.metacortex.host.MetaCortexConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running host per test class, on a database and a data directory of its own:
 * {@code @RegisterExtension static final HostExtension RUNNING = new HostExtension();}.
 */
public final class HostExtension implements BeforeAllCallback, AfterAllCallback {

    private final Consumer<MetaCortexConfiguration> configuration;
    private TestDatabase database;
    private Path dataDir;
    private RunningHost host;

    public HostExtension() {
        this(config -> {});
    }

    /** @param configuration changes to the test configuration, applied before the host starts */
    public HostExtension(Consumer<MetaCortexConfiguration> configuration) {
        this.configuration = configuration;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        database = TestPostgres.createDatabase();
        dataDir = Files.createTempDirectory("metacortex-host-test");
        host = RunningHost.start(database, dataDir, configuration);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            host.close();
        } finally {
            database.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    public RunningHost host() {
        return host;
    }

    /**
     * Uninstalls every plugin with purge, and purges the schemas kept by plugins uninstalled without it: the host
     * then has no plugin and no plugin data.
     */
    public void purgeAllPlugins() {
        host.admin("GET", "/admin/plugins", null)
                .json()
                .get("plugins")
                .forEach(plugin -> purge(plugin.get("id").asText()));
        // A plugin id has no '_' and its schema is plugin_<id> with '-' as '_'.
        DatabaseSnapshot.query(database, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'plugin\\_%'")
                .forEach(schema -> purge(schema.substring("plugin_".length()).replace('_', '-')));
    }

    private void purge(String pluginId) {
        RunningHost.Reply purged = host.admin("DELETE", "/admin/plugins/" + pluginId + "?purge=true", null);
        if (purged.status() != 204) {
            throw new IllegalStateException("Could not purge plugin " + pluginId + ": " + purged);
        }
    }

    public TestDatabase database() {
        return database;
    }
}
