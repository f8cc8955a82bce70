package io.metacortex.host.events;

import io.metacortex.db.HostSchema;
import io.metacortex.db.plugin.PluginConnections;
import io.metacortex.db.plugin.PluginRole;
import io.metacortex.db.testing.TestDatabase;
import io.metacortex.db.testing.TestPostgres;
import io.metacortex.host.config.EventSettings;
import io.metacortex.host.identity.RequestUser;
import io.metacortex.host.routing.PluginContainerFactory;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A host database with the host schema, and plugins connecting as their own roles exactly as the host connects them
 * ({@link PluginRole}, {@link PluginConnections}, {@code app.user_id} from {@link RequestUser}); and the events'
 * parts wired as the host wires them, with short backoffs.
 */
final class EventFixture implements AutoCloseable {

    final TestDatabase database = TestPostgres.createDatabase();
    final DataSource host = database.dataSource();
    final Jdbi hostJdbi;

    EventFixture() {
        HostSchema.migrate(host);
        hostJdbi = Jdbi.create(host);
    }

    /** @return the plugin's Jdbi, logging in as its role, as the host's {@code PluginDatabases} hands it out */
    Jdbi plugin(String pluginId) {
        PluginRole.Credentials credentials = PluginRole.ensure(host, pluginId);
        PGSimpleDataSource role = new PGSimpleDataSource();
        role.setURL(database.url());
        role.setUser(credentials.user());
        role.setPassword(credentials.password());
        return Jdbi.create(() -> PluginConnections.open(role, PluginConnections.Setup.NONE, RequestUser.currentId()));
    }

    /** The events' parts, as a host starting on this database wires them. */
    HostEvents events(int maxAttempts) {
        EventSettings settings = new EventSettings();
        settings.setMaxAttempts(maxAttempts);
        settings.setBackoffInitial(io.dropwizard.util.Duration.milliseconds(20));
        settings.setBackoffMax(io.dropwizard.util.Duration.milliseconds(100));
        settings.setThreads(2);
        return HostEvents.create(
                host, settings, Clock.systemUTC(), () -> PluginContainerFactory.pluginObjectMapper(64));
    }

    /** A version of a plugin, loaded: its subscriptions made, started, its handlers running on {@code jdbi}. */
    static PluginEvents loaded(HostEvents events, String pluginId, Jdbi jdbi, Subscribing subscribing) {
        PluginEvents version = events.host().open(pluginId, "1.0.0");
        subscribing.subscribe(version);
        events.host().started(version, jdbi);
        return version;
    }

    /** What a plugin does in its start. */
    @FunctionalInterface
    interface Subscribing {
        void subscribe(PluginEvents events);
    }

    List<String> query(String sql) {
        return hostJdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    @Override
    public void close() {
        database.close();
    }
}
